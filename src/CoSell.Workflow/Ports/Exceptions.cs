namespace CoSell.Workflow.Ports;

/// <summary>An ETag did not match: someone else changed the row first (HTTP 412).</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException() { }

    public ConcurrencyConflictException(string message) : base(message) { }

    public ConcurrencyConflictException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The row to create already exists (HTTP 409).</summary>
public sealed class AlreadyExistsException : Exception
{
    public AlreadyExistsException() { }

    public AlreadyExistsException(string message) : base(message) { }

    public AlreadyExistsException(string message, Exception innerException) : base(message, innerException) { }
}
