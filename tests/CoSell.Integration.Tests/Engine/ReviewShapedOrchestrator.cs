using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace CoSell.Integration.Tests.Engine;

/// <summary>The product's shape in miniature: three checks fanned out, a wait for the reviewer, one recording step.</summary>
internal sealed class ReviewShapedOrchestrator : TaskOrchestrator<string, string>
{
    public const string Check = "ShapeCheck";
    public const string Record = "ShapeRecord";
    public const string Decided = "ShapeDecided";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        context.SetCustomStatus(new ShapeProgress("Validating"));
        string[] checks = await Task.WhenAll(
            context.CallActivityAsync<string>(Check, $"{input}/collateral"),
            context.CallActivityAsync<string>(Check, $"{input}/contacts"),
            context.CallActivityAsync<string>(Check, $"{input}/thresholds"));
        context.SetCustomStatus(new ShapeProgress("AwaitingReview"));
        ShapeDecision decision = await context.WaitForExternalEvent<ShapeDecision>(Decided);
        context.SetCustomStatus(new ShapeProgress("Recording"));
        return await context.CallActivityAsync<string>(Record, $"{string.Join(",", checks)}|{decision.Reviewer}:{decision.Approved}");
    }

    /// <summary>Registers the orchestrator and its activities; every check call is counted per instance.</summary>
    public static void Register(DurableTaskRegistry registry, ConcurrentDictionary<string, int> checkCalls) => registry
        .AddOrchestrator<ReviewShapedOrchestrator>()
        .AddActivityFunc<string, string>(Check, (context, item) =>
        {
            checkCalls.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
            return $"{item.Split('/')[^1]}:ok";
        })
        .AddActivityFunc<string, string>(Record, (_, summary) => $"recorded {summary}");
}

internal sealed record ShapeProgress(string Stage);

internal sealed record ShapeDecision(bool Approved, string Reviewer);
