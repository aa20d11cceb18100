using System.Net;
using System.Net.Sockets;

namespace CoSell.Integration.Tests.Infrastructure;

/// <summary>
/// Ports for servers the tests start on 127.0.0.1 and must name before they start (a host's own URL goes into its
/// settings, e.g. the review links). A port the OS hands out for port 0 comes from the ephemeral range (32768–60999
/// on Linux), which every outgoing connection of the parallel test processes also draws from: between our look and
/// the server's bind, a client socket now and then takes it ("address already in use"). These ports come from below
/// that range, where no outgoing connection is ever bound, are checked free, and are never handed out twice by one
/// test process.
/// </summary>
public static class LoopbackPorts
{
    const int First = 20000;
    const int End = 32768;
    static readonly HashSet<int> HandedOut = [];

    public static int Free()
    {
        lock (HandedOut)
        {
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                int port = Random.Shared.Next(First, End);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port in {First}–{End - 1} after 1000 attempts.");
    }

    static bool IsFree(int port)
    {
        try
        {
            using TcpListener listener = new(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
