using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoSell.Integration.Tests.Infrastructure;

/// <summary>
/// The storage every integration test uses: <c>COSELL_TEST_STORAGE</c> when set (test.sh starts Azurite), otherwise one
/// private Azurite per test process on free loopback ports, started on first use and stopped when the process exits.
/// </summary>
public static class AzuriteServer
{
    public const string EnvironmentVariable = "COSELL_TEST_STORAGE";

    /// <summary>Overrides where the azurite executable is looked for.</summary>
    public const string BinaryVariable = "COSELL_AZURITE_BIN";

    /// <summary>The well-known key of the emulator account devstoreaccount1.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? _connectionString;
    static Process? _process;
    static string? _dataDirectory;

    public static async Task<string> GetConnectionStringAsync()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        await Gate.WaitAsync();
        try
        {
            return _connectionString ??= await StartAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string ConnectionString(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
        + $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1"
        + $";TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    static async Task<string> StartAsync()
    {
        string binary = FindBinary();
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        _dataDirectory = Directory.CreateTempSubdirectory("cosell-azurite-").FullName;
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", _dataDirectory,
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (int port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port, timeout.Token);
        }

        return ConnectionString(blob, queue, table);
    }

    static async Task WaitForPortAsync(int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before listening on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    static void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }

            if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // Best effort at process exit.
        }
    }

    public static string FindBinary()
    {
        var candidates = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable(BinaryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(fromEnvironment);
        }

        const string relative = ".tools/azurite/node_modules/.bin/azurite";
        if (FindRepoRoot() is { } root)
        {
            candidates.Add(Path.Combine(root, relative));
            if (MainWorktreeRoot(root) is { } main)
            {
                candidates.Add(Path.Combine(main, relative));
            }
        }

        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            $"Azurite not found (looked in: {string.Join(", ", candidates)}). Run ./test.sh, set {EnvironmentVariable} to a storage connection string, or set {BinaryVariable}.");
    }

    static string? FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoSellFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>In a git worktree, <c>.git</c> is a file pointing into the main checkout, which holds the installed tools.</summary>
    static string? MainWorktreeRoot(string root)
    {
        string gitFile = Path.Combine(root, ".git");
        if (!File.Exists(gitFile))
        {
            return null;
        }

        string line = File.ReadAllText(gitFile).Trim();
        const string prefix = "gitdir:";
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string gitDir = line[prefix.Length..].Trim();
        int worktrees = gitDir.IndexOf("/.git/worktrees/", StringComparison.Ordinal);
        return worktrees > 0 ? gitDir[..worktrees] : null;
    }

    static int FreePort() => LoopbackPorts.Free();
}
