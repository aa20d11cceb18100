using System.Text.Json;

namespace CoSell.Workflow.Http;

/// <summary>Body of TerminateInstance: why, and which operator (an e-mail address) asks; both go into the offer's history.</summary>
public sealed record TerminateRequest(string? Reason, string? TerminatedBy);

/// <summary>
/// A durable instance as GetInstance shows it to operators. Never the input: a review's input is the whole submission
/// (sales contacts' names and e-mail addresses, the submitter), which an operator does not need to see a run's state.
/// </summary>
public sealed record InstanceStatusResponse(
    string Id,
    InstanceKind Kind,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? CustomStatus,
    JsonElement? Output,
    InstanceFailure? Failure);

/// <summary>Why a failed instance failed: the exception type and message, without the stack trace.</summary>
public sealed record InstanceFailure(string ErrorType, string ErrorMessage);

/// <summary>The output a terminated instance carries (set by TerminateInstance).</summary>
public sealed record InstanceTermination(string Reason, string TerminatedBy, DateTimeOffset TerminatedAt);

/// <summary>The 202 payload of TerminateInstance: the engine terminates the instance shortly; poll the status URL.</summary>
public sealed record TerminationAccepted(string Id, string StatusQueryGetUri);

/// <summary>The answer of PurgeInstance.</summary>
public sealed record InstancePurged(string Id, int PurgedInstanceCount);
