namespace CoSell.Domain.Tests.Rules;

public class ReviewOutcomeTests
{
    [Fact]
    public void ApplyReview_Approved_ReturnsTheProposedEvaluation()
    {
        Evaluation proposed = Offers.ValidIp().Evaluate();

        Evaluation final = CoSellRules.ApplyReview(proposed, approved: true, "Looks good.");

        Assert.Same(proposed, final);
    }

    [Fact]
    public void ApplyReview_Rejected_IsNotReadyWithTheReviewersComment()
    {
        Evaluation proposed = Offers.ValidIp().Evaluate();

        Evaluation final = CoSellRules.ApplyReview(proposed, approved: false, "  The one-pager describes another product.  ");

        Assert.Equal(CoSellStatus.NotReady, final.Status);
        Assert.Empty(final.Tracks);
        Assert.Empty(final.Benefits);
        RequirementResult review = final.Requirement(RequirementIds.ReviewDecision);
        Assert.False(review.Passed);
        Assert.False(review.Optional);
        Assert.Equal(3, review.Step);
        Assert.Equal("The Microsoft reviewer rejected the co-sell materials: The one-pager describes another product.", review.Reason);
        Assert.Equal(proposed.Requirements, final.Requirements.Take(proposed.Requirements.Count));
        Assert.Equal([RequirementIds.ReviewDecision], final.Failures.Select(r => r.Id).Except(proposed.Failures.Select(r => r.Id)));
        Assert.Equal([RequirementIds.ReviewDecision], final.BlockingFailures.Select(r => r.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ApplyReview_RejectedWithoutComment_SaysSo(string? comment)
    {
        Evaluation final = CoSellRules.ApplyReview(Offers.ValidIp().Evaluate(), approved: false, comment);

        Assert.Equal("The Microsoft reviewer rejected the co-sell materials without a comment.", final.Requirement(RequirementIds.ReviewDecision).Reason);
    }

    [Fact]
    public void ApplyReview_RejectedTwice_KeepsOneReviewDecision()
    {
        Evaluation once = CoSellRules.ApplyReview(Offers.ValidIp().Evaluate(), approved: false, "First.");

        Evaluation twice = CoSellRules.ApplyReview(once, approved: false, "Second.");

        Assert.Equal("The Microsoft reviewer rejected the co-sell materials: Second.", twice.Requirement(RequirementIds.ReviewDecision).Reason);
    }

    [Fact]
    public void Expire_AnyProposal_IsNotReadyAndAsksToSubmitAgain()
    {
        Evaluation proposed = Offers.ValidIp().WithIsvConnectPremium(true).Evaluate();

        Evaluation final = CoSellRules.Expire(proposed);

        Assert.Equal(CoSellStatus.NotReady, final.Status);
        Assert.Empty(final.Tracks);
        Assert.Empty(final.Benefits);
        RequirementResult review = final.Requirement(RequirementIds.ReviewDecision);
        Assert.False(review.Passed);
        Assert.Equal("The review expired before a reviewer decided; submit again.", review.Reason);
    }
}
