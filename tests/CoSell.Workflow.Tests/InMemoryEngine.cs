using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask;

namespace CoSell.Workflow.Tests;

/// <summary>
/// Starts <see cref="DurableTaskTestHost"/> on a port the OS just handed out. Left alone, the host picks a random
/// port in 30000–40000, which overlaps Linux's ephemeral range, so a parallel test run now and then finds it taken
/// ("address already in use"); this asks for a free port and, if it was taken in between, tries another.
/// </summary>
internal static class InMemoryEngine
{
    private const int Attempts = 5;

    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, DurableTaskTestHostOptions? options = null)
    {
        options ??= new DurableTaskTestHostOptions();
        for (int attempt = 1; ; attempt++)
        {
            options.Port = FreeLoopbackPort();
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

    private static int FreeLoopbackPort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
