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
}
