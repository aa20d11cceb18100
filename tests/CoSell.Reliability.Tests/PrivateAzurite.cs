using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CoSell.Integration.Tests.Infrastructure;

namespace CoSell.Reliability.Tests;

/// <summary>An Azurite of the test's own (free loopback ports, temp data folder) that the test can stop and start again on the same data.</summary>
internal sealed class PrivateAzurite : IDisposable
{
    readonly int _blob = FreePort(), _queue = FreePort(), _table = FreePort();
    readonly string _data = Directory.CreateTempSubdirectory("cosell-rel-azurite-").FullName;
    Process? _process;

    public string ConnectionString => AzuriteServer.ConnectionString(_blob, _queue, _table);

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(AzuriteServer.FindBinary()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(_blob), "--queuePort", Port(_queue), "--tablePort", Port(_table), "--location", _data,
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (int port in new[] { _blob, _queue, _table })
        {
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(100, deadline.Token);
                }
            }
        }
    }

    /// <summary>SIGTERM, as an operator stopping the emulator would (Azurite saves its data), and waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        using (Process term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    static int FreePort() => LoopbackPorts.Free();
}
