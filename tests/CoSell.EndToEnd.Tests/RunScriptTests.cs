using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CoSell.Integration.Tests.Infrastructure;
using CoSell.LocalHost.Mailbox;
using CoSell.Workflow.Http;

namespace CoSell.EndToEnd.Tests;

/// <summary>
/// <c>./run.sh --no-seed</c> as a new user runs it (bash, repository root), on ports and a data folder of its own so it
/// never meets a developer's 7071/10000 or .azurite/: it comes up, serves one review, and Ctrl+C leaves nothing behind.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class RunScriptTests : IDisposable
{
    static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(4);
    static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);
    static readonly TimeSpan ResumeAfterRestartLimit = TimeSpan.FromMinutes(6);

    readonly string _data = Directory.CreateTempSubdirectory("cosell-e2e-run-").FullName;
    readonly StringBuilder _output = new();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task RunScript_SubmittedInterruptedRestartedApprovedTerminated_ReviewSurvivesTheRestartAndNothingIsLeftRunning()
    {
        int site = FreePort(), blob = FreePort(), queue = FreePort(), table = FreePort();
        const string partner = "contoso", offerId = "run-script-crm";

        (Dictionary<string, string> secrets, Uri link, string instanceId) = await RunAsync(site, blob, queue, table, "INT", 130, async api =>
        {
            Dictionary<string, string> generated = ReadSecrets(Path.Combine(_data, "local-secrets.env"));
            string key = generated["PartnerAuth__Partners__contoso"];
            await ReviewFlow.PrepareOfferAsync(api, partner, key, offerId, ReviewFlow.ContactsUsGb, ["US", "GB"]);
            await ReviewFlow.ImportRevenueAsync(api, generated["PartnerAuth__AdminKey"], offerId);
            SubmissionAccepted accepted = await ReviewFlow.SubmitAsync(api, partner, key, offerId, "owner-run@contoso.example");
            CapturedMail reviewerMail = await api.WaitForMailAsync(
                m => CoSellApi.BelongsTo(m, accepted.Id) && m.To.Contains(LocalReviewer), ReviewFlow.Patience, "reviewer mail from run.sh's host");
            using HttpResponseMessage wrongKey = await api.SendAsync(HttpMethod.Get, CoSellApi.OfferPath(partner, offerId), "not-the-generated-key", null);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
            Assert.True((await api.StatusAsync(partner, key, offerId)).ReviewInProgress);
            return (generated, CoSellApi.ReviewLink(reviewerMail), accepted.Id);
        });
        string firstOutput = Output();

        StatusResponse final = await RunAsync(site, blob, queue, table, "TERM", 143, async api =>
        {
            string key = secrets["PartnerAuth__Partners__contoso"];
            Assert.Equal(secrets, ReadSecrets(Path.Combine(_data, "local-secrets.env")));
            StatusResponse afterRestart = await api.StatusAsync(partner, key, offerId);
            Assert.True(afterRestart.ReviewInProgress, "the review should still wait for the reviewer after a restart");
            Assert.Contains(await api.MailAsync(), m => CoSellApi.BelongsTo(m, instanceId) && m.To.Contains(LocalReviewer));
            using HttpResponseMessage approved = await ReviewFlow.DecideAsync(api, link, "approve", "Approved after a restart.");
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            // Observed twice in a loaded full run on 2 cores: the restarted host took over 90 s to process the approval.
            // Suspected: control-queue messages the stopped host had dequeued stay invisible until the provider's
            // ControlQueueVisibilityTimeout (5 min) passes; so this bound is longer than that. Open question, see the issue note.
            return await api.WaitForStatusAsync(partner, key, offerId, s => s.ReviewerApproved is not null && !s.ReviewInProgress, ResumeAfterRestartLimit);
        });

        Assert.Contains($"http://localhost:{site}/portal/", firstOutput, StringComparison.Ordinal);
        Assert.Contains(secrets["PartnerAuth__Partners__contoso"], firstOutput, StringComparison.Ordinal);
        Assert.Contains($"live in {Path.Combine(_data, "local-secrets.env")}", firstOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_data, "mailbox.jsonl")));
        Assert.Equal("CoSellIncentivized", final.Status);
    }

    const string LocalReviewer = "reviewer@cosell.localhost";

    /// <summary>
    /// Starts run.sh, waits (bounded) until it prints its URLs and /healthz answers, runs <paramref name="use"/>, sends
    /// <paramref name="signal"/>, and checks that run.sh exits with <paramref name="exitCode"/> leaving no host,
    /// no Azurite and no open port behind.
    /// </summary>
    async Task<T> RunAsync<T>(int site, int blob, int queue, int table, string signal, int exitCode, Func<CoSellApi, Task<T>> use)
    {
        lock (_output)
        {
            _output.Clear();
        }

        using Process script = StartRunScript(site, blob, queue, table);
        List<int> started = [];
        try
        {
            await WaitForOutputAsync(script, "Press Ctrl+C", StartLimit);
            started.AddRange(PidsWhoseCommandLineContains($"--location {_data}"));
            started.AddRange(PidsWhoseCommandLineContains($"CoSell.LocalHost.dll --urls http://localhost:{site}"));
            Assert.True(started.Count == 2, $"expected one Azurite and one host process, found [{string.Join(", ", started.Select(CommandLine))}]");
            using HttpClient http = new() { BaseAddress = new Uri($"http://127.0.0.1:{site}"), Timeout = TimeSpan.FromSeconds(30) };
            CoSellApi api = new(http);
            await api.WaitHealthyAsync(TimeSpan.FromSeconds(30));

            T result;
            try
            {
                result = await use(api);
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException or HttpRequestException or TimeoutException)
            {
                throw new InvalidOperationException($"{ex.Message}\nrun.sh output so far:\n{Output()}", ex);
            }

            Signal(script.Id, signal);
            bool exited = await WaitForExitAsync(script, StopLimit);
            string output = Output();

            Assert.True(exited, $"run.sh did not exit within {StopLimit} of SIG{signal}:\n{output}");
            Assert.Equal(exitCode, script.ExitCode);
            Assert.All(started, pid => Assert.False(IsAlive(pid), $"process {pid} ({CommandLine(pid)}) is still running after run.sh exited:\n{output}"));
            Assert.All(new[] { site, blob, queue, table }, port => Assert.False(Listening(port), $"port {port} still accepts connections after run.sh exited."));
            return result;
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }

            foreach (int pid in started.Where(IsAlive))
            {
                using Process leftover = Process.GetProcessById(pid);
                leftover.Kill(entireProcessTree: true);
            }
        }
    }

    Process StartRunScript(int site, int blob, int queue, int table)
    {
        ProcessStartInfo start = new("bash")
        {
            WorkingDirectory = RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("./run.sh");
        start.ArgumentList.Add("--no-seed");
        start.Environment["COSELL_PORT"] = Invariant(site);
        start.Environment["COSELL_AZURITE_BLOB_PORT"] = Invariant(blob);
        start.Environment["COSELL_AZURITE_QUEUE_PORT"] = Invariant(queue);
        start.Environment["COSELL_AZURITE_TABLE_PORT"] = Invariant(table);
        start.Environment["COSELL_DATA_DIR"] = _data;
        // The build run.sh does must not leave MSBuild nodes or compiler servers running after the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["UseRazorBuildServer"] = "false";
        start.Environment["DOTNET_NOLOGO"] = "1";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    async Task WaitForOutputAsync(Process script, string text, TimeSpan limit)
    {
        DateTime deadline = DateTime.UtcNow + limit;
        while (!Output().Contains(text, StringComparison.Ordinal))
        {
            Assert.False(script.HasExited, $"run.sh exited with {(script.HasExited ? script.ExitCode : 0)} before printing '{text}':\n{Output()}");
            Assert.True(DateTime.UtcNow < deadline, $"run.sh did not print '{text}' within {limit}:\n{Output()}");
            await Task.Delay(250);
        }
    }

    static async Task<bool> WaitForExitAsync(Process process, TimeSpan limit)
    {
        using CancellationTokenSource timeout = new(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>What a terminal's Ctrl+C (INT) or a service manager (TERM) sends.</summary>
    static void Signal(int pid, string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Invariant(pid) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not run kill.");
        Assert.True(kill.WaitForExit(10_000) && kill.ExitCode == 0, $"kill -{signal} {pid} failed.");
    }

    /// <summary>Processes (from /proc) whose command line contains <paramref name="fragment"/>, arguments joined by spaces.</summary>
    static List<int> PidsWhoseCommandLineContains(string fragment)
    {
        List<int> pids = [];
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && CommandLine(pid).Contains(fragment, StringComparison.Ordinal))
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>Running, sleeping or stopped: anything but gone or a zombie (dead, waiting to be reaped by init).</summary>
    static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            Match state = ProcessState().Match(stat);
            return state.Success && state.Groups[1].Value is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    static bool Listening(int port)
    {
        try
        {
            using TcpClient client = new();
            return client.ConnectAsync(IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static Dictionary<string, string> ReadSecrets(string path)
    {
        Dictionary<string, string> values = new(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(path))
        {
            Match match = SecretLine().Match(line);
            if (match.Success)
            {
                values[match.Groups[1].Value] = match.Groups[2].Value;
            }
        }

        return values;
    }

    static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoSellFunctions.sln")) && File.Exists(Path.Combine(dir.FullName, "run.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No repository root (CoSellFunctions.sln + run.sh) above " + AppContext.BaseDirectory);
    }

    static int FreePort() => LoopbackPorts.Free();

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^export (\w+)='([^']*)'$")]
    private static partial Regex SecretLine();

    [GeneratedRegex(@"\) (\S) ")]
    private static partial Regex ProcessState();
}
