using CsCheck;

namespace CoSell.Domain.Tests.Properties;

public class EvaluationPropertyTests
{
    private const int Iterations = 2_000;

    [Fact]
    public void Evaluate_AnyValidScenario_NeverThrowsAndExplainsEveryRequirementOnce()
    {
        ScenarioGen.Scenario.Sample(scenario =>
        {
            Evaluation evaluation = scenario.ToBuilder().Evaluate();

            Assert.Equal(evaluation.Requirements.Count, evaluation.Requirements.Select(r => r.Id).Distinct().Count());
            Assert.All(evaluation.Requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
            Assert.Equal(scenario.Type == SolutionType.Services, evaluation.Has(RequirementIds.GoldCompetency));
            Assert.Equal(scenario.Type == SolutionType.IpSolution, evaluation.Has(RequirementIds.AzureIpRevenue));
        }, iter: Iterations);
    }

    [Fact]
    public void ScenarioGen_ManySamples_ReachEveryStatusAndTrack()
    {
        Scenario[] scenarios = ScenarioGen.Scenario.Array[1_000].Single();

        Evaluation[] evaluations = [.. scenarios.Select(s => s.ToBuilder().Evaluate())];

        Assert.All(Enum.GetValues<CoSellStatus>(), status => Assert.Contains(evaluations, e => e.Status == status));
        Assert.All(Enum.GetValues<IncentiveTrack>(), track => Assert.Contains(evaluations, e => e.Tracks.Contains(track)));
    }

    [Fact]
    public void Evaluate_MoreRevenue_NeverLowersTheStatus()
    {
        Gen.Select(ScenarioGen.Scenario, ScenarioGen.Usd, ScenarioGen.Usd, Gen.Bool).Sample((scenario, moreAcr, moreBilled, transactable) =>
        {
            Evaluation before = scenario.ToBuilder().Evaluate();

            Evaluation after = scenario.ToBuilder()
                .WithAcrTtmUsd(scenario.AcrTtmUsd + moreAcr)
                .WithSolutionRevenue("extra-solution", moreBilled, transactable)
                .Evaluate();

            Assert.True(after.Status >= before.Status, $"{before.Status} fell to {after.Status}");
            Assert.Superset(before.Tracks.ToHashSet(), after.Tracks.ToHashSet());
        }, iter: Iterations);
    }

    [Fact]
    public void Evaluate_Incentivized_OnlyWhenEveryStepOneAndThreeRequirementPassed()
    {
        ScenarioGen.Scenario.Sample(scenario =>
        {
            Evaluation evaluation = scenario.ToBuilder().Evaluate();

            if (evaluation.Status == CoSellStatus.CoSellIncentivized)
            {
                Assert.All(evaluation.Requirements.Where(r => r.Step is 1 or 3 && !r.Optional), r => Assert.True(r.Passed, r.Id));
                Assert.NotEmpty(evaluation.Tracks);
            }
            else
            {
                Assert.Empty(evaluation.Tracks);
                Assert.Empty(evaluation.Benefits);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Evaluate_StepTwo_NeverChangesTheStatus()
    {
        ScenarioGen.Scenario.Sample(scenario =>
        {
            Evaluation withCsp = (scenario with { Csp = true }).ToBuilder().Evaluate();

            Evaluation withoutCsp = (scenario with { Csp = false }).ToBuilder().Evaluate();

            Assert.Equal(withCsp.Status, withoutCsp.Status);
            Assert.Equal(withCsp.Tracks, withoutCsp.Tracks);
        }, iter: Iterations);
    }

    [Fact]
    public void Evaluate_NotReady_IffSomeRequiredStepOneOrThreeRequirementFailed()
    {
        ScenarioGen.Scenario.Sample(scenario =>
        {
            Evaluation evaluation = scenario.ToBuilder().Evaluate();

            bool requiredFailure = evaluation.Requirements.Any(r => r.Step is 1 or 3 && !r.Optional && !r.Passed);
            Assert.Equal(requiredFailure, evaluation.Status == CoSellStatus.NotReady);
            Assert.Equal(requiredFailure, evaluation.BlockingFailures.Any());
        }, iter: Iterations);
    }

    [Fact]
    public void Evaluate_SameInputTwice_GivesTheSameEvaluation()
    {
        ScenarioGen.Scenario.Sample(scenario =>
        {
            OfferBuilder builder = scenario.ToBuilder();
            Submission submission = builder.Build();
            IReadOnlyList<CollateralFinding> findings = builder.BuildFindings();
            OrganisationProfile organisation = builder.BuildOrganisation();

            Evaluation first = CoSellRules.Evaluate(submission, findings, organisation);
            Evaluation second = CoSellRules.Evaluate(submission, findings, organisation);

            Assert.Equal(first.Status, second.Status);
            Assert.Equal(first.Tracks, second.Tracks);
            Assert.Equal(first.Requirements, second.Requirements);
            Assert.Equal(first.Benefits, second.Benefits);
        }, iter: Iterations);
    }

    [Fact]
    public void Evaluate_Benefits_AreExactlyWhatTheCalculatorGrants()
    {
        ScenarioGen.Scenario.Sample(scenario =>
        {
            OfferBuilder builder = scenario.ToBuilder();

            Evaluation evaluation = builder.Evaluate();

            Assert.Equal(BenefitCalculator.For(builder.BuildOffer(), evaluation.Status, evaluation.Tracks), evaluation.Benefits);
            Assert.Equal(evaluation.Tracks.Contains(IncentiveTrack.AzureIp), evaluation.Benefits.Count > 0);
        }, iter: Iterations);
    }

    [Fact]
    public void Evaluate_ContactsRequirement_AgreesWithCheckContacts()
    {
        ScenarioGen.Scenario.Sample(scenario =>
        {
            OfferBuilder builder = scenario.ToBuilder();

            Assert.Equal(CoSellRules.CheckContacts(builder.Build()), builder.Evaluate().Requirement(RequirementIds.Contacts));
        }, iter: Iterations);
    }

    [Fact]
    public void ServiceFee_Reduced_IsNeverMoreThanStandardAndAboutHalf()
    {
        ScenarioGen.Cents(1_000_000_000).Sample(billed =>
        {
            decimal reduced = BenefitCalculator.ServiceFee(billed, reduced: true);
            decimal standard = BenefitCalculator.ServiceFee(billed, reduced: false);

            Assert.True(reduced <= standard);
            Assert.True(Math.Abs(standard - (2 * reduced)) <= 0.01m, $"{billed}: {standard} vs {reduced}");
            Assert.Equal(reduced, Math.Round(reduced, 2));
        }, iter: Iterations);
    }
}
