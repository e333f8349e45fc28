using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reception.Dashboard.Tests.TestInfrastructure;

/// <summary>
/// The real server as a separate OS process on a loopback port, so that a test can kill it with
/// SIGKILL (no shutdown, nothing flushed) and start it again on the same database. It runs the
/// build output beside the tests', in the same configuration.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string ServerDll = "Reception.Dashboard.dll";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _databasePath;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly bool _seedDemoData;
    private bool _started;
    private bool _ended;

    private ServerProcess(string databasePath, int port, IReadOnlyDictionary<string, string>? settings, bool seedDemoData)
    {
        _databasePath = databasePath;
        _settings = settings;
        _seedDemoData = seedDemoData;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");

        var folder = ServerFolder();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(folder, ServerDll));
        foreach (var (key, value) in Variables())
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    /// <summary>The server's operating-system process, for reading its memory.</summary>
    public int ProcessId => _process.Id;

    public Uri BaseAddress { get; }

    public int Port { get; }

    /// <summary>From the process start to the first 200 from /health.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>What the server wrote to stdout and stderr so far, for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server and returns once /health answers 200; throws with the server's output if it exits or takes too long.</summary>
    public static async Task<ServerProcess> StartAsync(
        string databasePath,
        int port = 0,
        IReadOnlyDictionary<string, string>? settings = null,
        bool seedDemoData = false)
    {
        var server = new ServerProcess(databasePath, port == 0 ? FreePort() : port, settings, seedDemoData);
        try
        {
            await server.StartAndWaitUntilHealthyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL, as a crash or an out-of-memory kill would end it; returns once the process is gone.</summary>
    public void Kill()
    {
        if (!_started || _ended)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) when (_process.HasExited)
        {
            // It had already ended by itself, as a server that fails to start does.
        }

        if (!_process.WaitForExit(ExitTimeout))
        {
            throw new TimeoutException($"The server (pid {_process.Id}) was still running {ExitTimeout.TotalSeconds} s after SIGKILL.");
        }

        _ended = true;
    }

    /// <summary>Kills this process if it still runs, and starts a new one on the same database, port and settings.</summary>
    public async Task<ServerProcess> RestartAsync()
    {
        await DisposeAsync();
        return await StartAsync(_databasePath, Port, _settings, _seedDemoData);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartAndWaitUntilHealthyAsync()
    {
        var clock = Stopwatch.StartNew();
        _process.Start();
        _started = true;
        // Read both pipes as lines arrive, so a chatty server never blocks on a full pipe.
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The server exited with code {_process.ExitCode} before /health answered.{Environment.NewLine}{Output}");
            }

            if (await IsHealthyAsync(http))
            {
                StartupTime = clock.Elapsed;
                return;
            }

            await Task.Delay(HealthPollInterval);
        }

        throw new TimeoutException($"The server did not answer 200 on /health within {StartTimeout.TotalSeconds} s.{Environment.NewLine}{Output}");
    }

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("health");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false; // not listening yet
        }
    }

    private Dictionary<string, string> Variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Path"] = _databasePath,
            ["Database__SeedDemoData"] = _seedDemoData.ToString(),
            ["Realtime__HeartbeatInterval"] = "00:00:01",
            // Tests sign in and call with one token far more often than people do; the limits have their own tests.
            ["RateLimits__SignInPerMinute"] = "10000",
            ["RateLimits__TokenRequestsPerMinute"] = "1000000",
        };
        foreach (var (key, value) in _settings ?? new Dictionary<string, string>())
        {
            variables[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return variables;
    }

    private void Append(string? line)
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

    /// <summary>
    /// The server's build output: the tests run from tests/Reception.Dashboard.Tests/bin/{Configuration}/{framework}/,
    /// and building them built the server into src/Reception.Dashboard/bin/{Configuration}/{framework}/.
    /// </summary>
    private static string ServerFolder()
    {
        var testFolder = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = testFolder.Name;
        var configuration = testFolder.Parent?.Name
            ?? throw new InvalidOperationException($"Cannot tell the build configuration from {AppContext.BaseDirectory}.");

        var repository = testFolder;
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Reception.Dashboard.sln")))
        {
            repository = repository.Parent;
        }

        if (repository is null)
        {
            throw new InvalidOperationException($"Found no Reception.Dashboard.sln above {AppContext.BaseDirectory}.");
        }

        var folder = Path.Combine(repository.FullName, "src", "Reception.Dashboard", "bin", configuration, framework);
        if (!File.Exists(Path.Combine(folder, ServerDll)))
        {
            throw new FileNotFoundException(
                $"The server is not built: {Path.Combine(folder, ServerDll)} is missing. Build the solution in the {configuration} configuration first.");
        }

        return folder;
    }

    /// <summary>The dotnet host that runs the tests (the CLI passes its path on), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
