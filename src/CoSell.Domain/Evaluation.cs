namespace CoSell.Domain;

/// <summary>
/// The result of content validation of one uploaded document, supplied by the workflow
/// (magic bytes, real parse, page count, encryption). The rules read it; they never open files.
/// </summary>
public sealed record CollateralFinding(DocumentType Type, string FileName, bool Valid, string Reason);

/// <summary>One requirement of the co-sell table with its outcome and a reason a partner can act on.</summary>
/// <param name="Id">Stable id, e.g. "3.contacts", "4.azure-ip.revenue".</param>
/// <param name="Step">Step of the seed's table: 1, 2 (optional), 3 or 4.</param>
/// <param name="Optional">True for requirements that never block a status (step 2, the presentation).</param>
public sealed record RequirementResult(string Id, int Step, string Title, bool Passed, string Reason, bool Optional = false);

/// <summary>A benefit unlocked by the status.</summary>
public sealed record Benefit(string Id, string Title, string Detail);

/// <summary>The whole evaluation: status, qualifying tracks, every requirement explained, benefits.</summary>
public sealed record Evaluation(
    CoSellStatus Status,
    IReadOnlyList<IncentiveTrack> Tracks,
    IReadOnlyList<RequirementResult> Requirements,
    IReadOnlyList<Benefit> Benefits)
{
    /// <summary>The failed, non-optional requirements.</summary>
    public IEnumerable<RequirementResult> Failures => Requirements.Where(r => !r.Passed && !r.Optional);

    /// <summary>
    /// The failed, non-optional step-1 and step-3 requirements (including a rejected or expired review): exactly what
    /// keeps the offer from Co-sell ready. Unlike <see cref="Failures"/> it leaves out step-4 incentive-track gaps.
    /// </summary>
    public IEnumerable<RequirementResult> BlockingFailures => Failures.Where(r => r.Step is 1 or 3);
}

/// <summary>One invalid input field and why.</summary>
/// <param name="Field">JSON-path-like field name, e.g. "offer.repeatableIpShare", "materials.contacts[2].countries[0]".</param>
public sealed record ValidationError(string Field, string Message);

/// <summary>Raised when input is contradictory or unknown; evaluation never runs on such input.</summary>
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(IReadOnlyList<ValidationError> errors)
        : base("Invalid input: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
    }

    public DomainValidationException() : this([]) { }

    public DomainValidationException(string message) : base(message) => Errors = [];

    public DomainValidationException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    public IReadOnlyList<ValidationError> Errors { get; }
}
