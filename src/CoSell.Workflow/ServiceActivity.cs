using Microsoft.DurableTask;

namespace CoSell.Workflow;

/// <summary>
/// Adapts an injectable activity service (input + CancellationToken, no TaskActivityContext) to the Durable Task worker.
/// The Functions app calls the same service from a one-line <c>[ActivityTrigger]</c> wrapper instead.
/// </summary>
internal sealed class ServiceActivity<TService, TInput, TOutput>(TService service, Func<TService, TInput, CancellationToken, Task<TOutput>> run)
    : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(service, input, CancellationToken.None);
}
