namespace CoSell.Reliability.Tests;

/// <summary>Two requests built first and released at once, so they overlap on the server.</summary>
internal static class Together
{
    public static async Task<(T A, T B)> RunAsync<T>(Func<Task<T>> a, Func<Task<T>> b)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<T> first = Task.Run(async () => { await start.Task; return await a(); });
        Task<T> second = Task.Run(async () => { await start.Task; return await b(); });
        start.SetResult();
        return (await first, await second);
    }
}
