namespace CoSell.Domain;

/// <summary>The co-sell rule set (SPEC §1) as a pure function.</summary>
public static class CoSellRules
{
    /// <summary>The Azure IP revenue threshold: "meets or exceeds" 100,000.00 USD.</summary>
    public const decimal RevenueThresholdUsd = 100_000.00m;

    /// <summary>The Azure IP repeatable-IP share must be more than this.</summary>
    public const decimal MinimumRepeatableIpShareExclusive = 0.50m;

    /// <summary>
    /// Evaluates a submission against every requirement. Throws <see cref="DomainValidationException"/>
    /// when <see cref="SubmissionValidator.Validate"/> reports errors for the input.
    /// </summary>
    /// <param name="collateral">Content findings per uploaded document; a document without a finding counts as not yet validated (fails).</param>
    public static Evaluation Evaluate(Submission submission, IReadOnlyList<CollateralFinding> collateral, OrganisationProfile organisation)
        => throw new NotImplementedException();

    /// <summary>The step-3 sales-contact requirement ("3.contacts") alone; the same logic <see cref="Evaluate"/> uses.</summary>
    public static RequirementResult CheckContacts(Submission submission)
        => throw new NotImplementedException();

    /// <summary>Applies a reviewer's decision to the proposed evaluation (approved: unchanged; rejected: NotReady with the comment as reason).</summary>
    public static Evaluation ApplyReview(Evaluation proposed, bool approved, string? comment)
        => throw new NotImplementedException();

    /// <summary>The proposed evaluation after the review expired without a decision: NotReady.</summary>
    public static Evaluation Expire(Evaluation proposed)
        => throw new NotImplementedException();
}
