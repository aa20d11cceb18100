namespace CoSell.Domain;

/// <summary>Rejects unknown or contradictory input before any rule runs.</summary>
public static class SubmissionValidator
{
    /// <summary>Every problem with the submission (empty when valid).</summary>
    public static IReadOnlyList<ValidationError> Validate(Submission submission) => throw new NotImplementedException();

    /// <summary>Every problem with an organisation profile (negative revenue, ...).</summary>
    public static IReadOnlyList<ValidationError> Validate(OrganisationProfile organisation) => throw new NotImplementedException();
}
