using CoSell.Domain;
using CoSell.Workflow.Messages;
using CoSell.Workflow.Orchestrators;
using CoSell.Workflow.Ports;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoSell.Workflow.Tests;

public sealed class WorkflowSetupTests
{
    [Fact]
    public void AddCoSellWorkflow_ReviewSection_BindsReviewersTimingsAndBaseUrl()
    {
        using ServiceProvider services = Build(new()
        {
            ["Review:Reviewers:0"] = Reviews.Reviewer,
            ["Review:Reviewers:1"] = Reviews.SecondReviewer,
            ["Review:ReminderAfter"] = "1.12:00:00",
            ["Review:ExpireAfter"] = "7.00:00:00",
            ["Review:PublicBaseUrl"] = "https://cosell.contoso.com",
        });

        ReviewOptions options = services.GetRequiredService<IOptions<ReviewOptions>>().Value;
        ReviewPolicy policy = options.ToPolicy();

        Assert.Equal([Reviews.Reviewer, Reviews.SecondReviewer], policy.Reviewers);
        Assert.Equal(TimeSpan.FromHours(36), policy.ReminderAfter);
        Assert.Equal(TimeSpan.FromDays(7), policy.ExpireAfter);
        Assert.Equal("https://cosell.contoso.com", options.PublicBaseUrl);
    }

    [Fact]
    public void ReviewOptions_NothingConfigured_DefaultsToThreeAndFourteenDaysOnLocalhost()
    {
        var options = new ReviewOptions();

        Assert.Equal((TimeSpan.FromDays(3), TimeSpan.FromDays(14), "http://localhost:7071"), (options.ReminderAfter, options.ExpireAfter, options.PublicBaseUrl));
        Assert.Equal((TimeSpan.FromDays(3), TimeSpan.FromDays(14)), (new ReviewPolicy().ReminderAfter, new ReviewPolicy().ExpireAfter));
    }

    [Theory]
    [InlineData(null, "3.00:00:00", "http://localhost:7071")]
    [InlineData("not-an-address", "3.00:00:00", "http://localhost:7071")]
    [InlineData(Reviews.Reviewer, "-1.00:00:00", "http://localhost:7071")]
    [InlineData(Reviews.Reviewer, "3.00:00:00", "ftp://files.example.com")]
    public void AddCoSellWorkflow_InvalidReviewSection_FailsValidation(string? reviewer, string reminderAfter, string baseUrl)
    {
        using ServiceProvider services = Build(new()
        {
            ["Review:Reviewers:0"] = reviewer,
            ["Review:ReminderAfter"] = reminderAfter,
            ["Review:PublicBaseUrl"] = baseUrl,
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReviewOptions>>().Value);
    }

    [Fact]
    public void ReviewRequest_WithoutPolicy_CarriesTheDefaultTimings()
    {
        var request = new ReviewRequest(SubmissionBuilder.ValidIp().Build(), Reviews.Partner, Reviews.SubmittedAt);

        Assert.Equal((ReviewPolicy.DefaultReminderAfter, ReviewPolicy.DefaultExpireAfter), (request.Policy.ReminderAfter, request.Policy.ExpireAfter));
    }

    [Fact]
    public void IsTransient_MailProviderOrStorageHiccup_IsRetried()
    {
        Assert.True(ReviewOrchestration.IsTransient(TaskFailureDetails.FromException(new TransientNotificationException("503"))));
        Assert.True(ReviewOrchestration.IsTransient(TaskFailureDetails.FromException(new ConcurrencyConflictException("412"))));
        Assert.True(ReviewOrchestration.IsTransient(TaskFailureDetails.FromException(new TimeoutException())));
    }

    [Fact]
    public void IsTransient_InvalidInput_IsNotRetried()
    {
        Assert.False(ReviewOrchestration.IsTransient(TaskFailureDetails.FromException(new DomainValidationException("bad"))));
        Assert.False(ReviewOrchestration.IsTransient(TaskFailureDetails.FromException(new ArgumentException("bad"))));
    }

    [Fact]
    public void RetryOptions_Policy_UsesItsAttemptsAndFirstInterval()
    {
        TaskOptions options = ReviewOrchestration.RetryOptions(Reviews.Policy());

        RetryPolicy policy = options.Retry!.Policy!;
        Assert.Equal(4, policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.FirstRetryInterval);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        IConfiguration config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddCoSellWorkflow(config).BuildServiceProvider();
    }
}
