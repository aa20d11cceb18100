using CoSell.Domain.Rules;

namespace CoSell.Domain;

/// <summary>The co-sell rule set (SPEC §1) as a pure function: no I/O, no clock, decimal USD.</summary>
public static class CoSellRules
{
    /// <summary>The Azure IP revenue threshold: "meets or exceeds" 100,000.00 USD.</summary>
    public const decimal RevenueThresholdUsd = 100_000.00m;

    /// <summary>The Azure IP repeatable-IP share must be more than this.</summary>
    public const decimal MinimumRepeatableIpShareExclusive = 0.50m;

    /// <summary>The reason <see cref="Expire"/> gives.</summary>
    public const string ExpiredReason = "The review expired before a reviewer decided; submit again.";

    private const string ReviewTitle = "Microsoft review of the co-sell materials";

    /// <summary>
    /// Evaluates a submission against every requirement. Throws <see cref="DomainValidationException"/> with every
    /// error when <see cref="SubmissionValidator.Validate(Submission)"/> or
    /// <see cref="SubmissionValidator.Validate(OrganisationProfile)"/> reports errors, or when the organisation is not
    /// the offer's partner.
    /// </summary>
    /// <param name="collateral">Content findings per uploaded document; a document without a finding counts as not yet validated (fails).</param>
    /// <param name="organisation">The partner's revenue and programme profile; <see cref="OrganisationProfile.Month"/> null means no revenue data is on file.</param>
    /// <returns>
    /// Every requirement (steps 1 to 4, in order) with a reason; the status (NotReady iff a non-optional step-1 or
    /// step-3 requirement failed; CoSellIncentivized when ready and a track qualifies); the qualifying tracks (empty
    /// unless incentivized) and the benefits they unlock.
    /// </returns>
    public static Evaluation Evaluate(Submission submission, IReadOnlyList<CollateralFinding> collateral, OrganisationProfile organisation)
    {
        var errors = new List<ValidationError>(SubmissionValidator.Validate(submission));
        errors.AddRange(SubmissionValidator.Validate(organisation));
        if (submission?.Offer is not null && organisation is not null
            && !string.Equals(submission.Offer.PartnerId, organisation.OrganisationId, StringComparison.Ordinal))
        {
            errors.Add(new ValidationError("organisation.organisationId", $"'{organisation.OrganisationId}' is not the offer's partner '{submission.Offer.PartnerId}'."));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        IReadOnlyList<CollateralFinding> findings = collateral ?? [];
        Offer offer = submission!.Offer;
        var requirements = new List<RequirementResult>(12);
        requirements.AddRange(Step1Rules.Check(offer));
        requirements.Add(Step2Rules.Check(offer));
        requirements.AddRange(Step3Rules.Check(submission, findings, organisation!));
        requirements.AddRange(Step4Rules.Check(offer, organisation!));

        bool ready = !requirements.Any(r => r.Step is 1 or 3 && !r.Optional && !r.Passed);
        IReadOnlyList<IncentiveTrack> tracks = ready ? Step4Rules.Qualifying(offer, requirements) : [];
        CoSellStatus status = !ready ? CoSellStatus.NotReady
            : tracks.Count > 0 ? CoSellStatus.CoSellIncentivized
            : CoSellStatus.CoSellReady;
        return new Evaluation(status, tracks, requirements, BenefitCalculator.For(offer, status, tracks));
    }

    /// <summary>
    /// "3.contacts" alone, for the ValidateContacts activity: the same logic <see cref="Evaluate"/> uses.
    /// Does not validate; unknown codes simply never match an eligible country.
    /// </summary>
    public static RequirementResult CheckContacts(Submission submission)
        => ContactRules.Check(submission.Offer.EligibleCountries, submission.Materials.Contacts);

    /// <summary>
    /// The reviewer's outcome. Approved: <paramref name="proposed"/> unchanged. Rejected: NotReady, no tracks, no
    /// benefits, and a failed "review.decision" requirement (step 3) whose reason carries the reviewer's comment.
    /// </summary>
    public static Evaluation ApplyReview(Evaluation proposed, bool approved, string? comment)
    {
        if (approved)
        {
            return proposed;
        }

        string reason = string.IsNullOrWhiteSpace(comment)
            ? "The Microsoft reviewer rejected the co-sell materials without a comment."
            : $"The Microsoft reviewer rejected the co-sell materials: {comment.Trim()}";
        return NotReadyBecause(proposed, reason);
    }

    /// <summary>No reviewer decided in time: NotReady with "review.decision" failing as <see cref="ExpiredReason"/>.</summary>
    public static Evaluation Expire(Evaluation proposed) => NotReadyBecause(proposed, ExpiredReason);

    private static Evaluation NotReadyBecause(Evaluation proposed, string reason)
    {
        var requirements = proposed.Requirements.Where(r => r.Id != RequirementIds.ReviewDecision).ToList();
        requirements.Add(new RequirementResult(RequirementIds.ReviewDecision, 3, ReviewTitle, false, reason));
        return new Evaluation(CoSellStatus.NotReady, [], requirements, []);
    }
}
