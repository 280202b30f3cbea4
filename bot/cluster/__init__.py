"""Several `newsbot run` processes on one PostgreSQL database: who holds the chat connections,
leases that outlive no dead process, and one send budget per destination."""
