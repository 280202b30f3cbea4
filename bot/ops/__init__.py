"""Operating newsbot as a service: metrics, health endpoints, structured logs, `newsbot doctor`."""
