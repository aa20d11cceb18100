using System.Diagnostics;
using System.Globalization;
using System.Net;
using CoSell.Integration.Tests.Infrastructure;

namespace CoSell.Reliability.Tests;

/// <summary>The built local host (<c>dotnet CoSell.LocalHost.dll</c>) as a child process that a test can SIGKILL and start again.</summary>
internal sealed class ChildHost : IDisposable
{
    readonly string _site;
    readonly IReadOnlyDictionary<string, string> _environment;
    readonly Queue<string> _lastLines = new();
    Process? _process;

    public ChildHost(string site, IReadOnlyDictionary<string, string> environment)
    {
        _site = site;
        _environment = environment;
    }

    public int Starts { get; private set; }

    /// <summary>
    /// The settings every child host of these tests runs with: its own task hub, tables and container on the test
    /// Azurite, mail to the test's SendGrid stand-in, links to its own site, no monthly timer, and 10 s visibility
    /// timeouts so messages a killed process held come back quickly, warnings-only logs. Tests add their own on top.
    /// </summary>
    public static Dictionary<string, string> Settings(string prefix, string storage, string site, string sendGridHost) => new()
    {
        ["TaskHubName"] = prefix + "Hub",
        ["CoSellStorage__ConnectionString"] = storage,
        ["CoSellStorage__TablePrefix"] = prefix,
        ["Collateral__ContainerName"] = prefix.ToLowerInvariant(),
        ["CoSell__ReevaluationSchedulerEnabled"] = "false",
        ["Approval__SigningKey"] = "reliability-signing-key-0123456789-0123456789",
        ["SendGrid__Host"] = sendGridHost,
        ["Review__PublicBaseUrl"] = site,
        ["Review__Reviewers__0"] = "reviewer@cosell.localhost",
        ["PartnerAuth__AdminKey"] = ProductClient.AdminKey,
        ["LocalEngine__WorkItemQueueVisibilityTimeout"] = "00:00:10",
        ["LocalEngine__ControlQueueVisibilityTimeout"] = "00:00:10",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public async Task StartAsync(HttpClient http)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "CoSell.LocalHost.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (string arg in new[] { dll, "--urls", _site })
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The local host exited with {_process.ExitCode}: {Tail()}");
            }

            try
            {
                using HttpResponseMessage health = await http.GetAsync(new Uri(_site + "/healthz"), deadline.Token);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
            }

            await Task.Delay(250, deadline.Token);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crashed worker.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public string Tail()
    {
        lock (_lastLines)
        {
            return string.Join(Environment.NewLine, _lastLines);
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    /// <summary>A free loopback port for the child's site.</summary>
    public static int FreePort() => LoopbackPorts.Free();

    public static string Seconds(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
