using CoSell.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask;

namespace CoSell.Workflow.Tests;

/// <summary>
/// Starts <see cref="DurableTaskTestHost"/> on a port from <see cref="LoopbackPorts"/>. Left alone, the host picks a
/// random port in 30000–40000, which overlaps Linux's ephemeral range, so a parallel test run now and then finds it
/// taken ("address already in use"); if the port is taken all the same between the look and the bind, it tries another.
/// </summary>
internal static class InMemoryEngine
{
    private const int Attempts = 5;

    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, DurableTaskTestHostOptions? options = null)
    {
        options ??= new DurableTaskTestHostOptions();
        for (int attempt = 1; ; attempt++)
        {
            options.Port = LoopbackPorts.Free();
            try
            {
                return await DurableTaskTestHost.StartAsync(registry, options);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException && attempt < Attempts)
            {
                // Another process took the port between our look and the bind: pick again.
            }
        }
    }
}
