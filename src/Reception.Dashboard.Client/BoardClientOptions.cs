using Microsoft.Extensions.Logging;

namespace Reception.Dashboard.Client;

/// <summary>Where the board is, who calls it, and how patiently: shared by <see cref="BoardCommands"/> and <see cref="BoardFeed"/>.</summary>
public sealed class BoardClientOptions
{
    /// <summary>The server's address, such as <c>https://board.example.com/</c> (or one under a proxy's prefix, <c>https://example.com/board/</c>).</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>A personal access token (<c>rdt_…</c>), sent as a Bearer token on commands and on the hub's connection.</summary>
    public string? AccessToken { get; init; }

    /// <summary>Makes the handler for commands and reads over HTTP (a proxy, say, or a counting handler in tests); the hub connects over its own WebSocket.</summary>
    public Func<HttpMessageHandler>? CreateHandler { get; init; }

    /// <summary>The language refusals are worded in (<c>en</c> or <c>zh-Hans</c>).</summary>
    public string Language { get; init; } = "en";

    /// <summary>How long one attempt of a command may take.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times a command is retried after a transient failure.</summary>
    public int CommandRetries { get; init; } = 4;

    /// <summary>The first retry's delay; later ones double, with jitter. A <c>Retry-After</c> answer wins.</summary>
    public TimeSpan CommandRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The first reconnect delay; later ones double, with jitter, up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between connection attempts. The feed never gives up.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When nothing (event or heartbeat) arrives for this long, the connection is taken for dead and replaced.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>When a heartbeat is ahead of the last event, how long to wait for the pushes before fetching them.</summary>
    public TimeSpan GapGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>When more events than this were missed, a fresh snapshot is loaded instead of fetching them all.</summary>
    public int MaxCatchUp { get; init; } = 5000;

    /// <summary>Where the client logs its reconnects and resets.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The base address as a folder, so that relative paths stay under it behind a reverse proxy's prefix.</summary>
    internal Uri Root => BaseAddress.AbsoluteUri.EndsWith('/') ? BaseAddress : new Uri(BaseAddress.AbsoluteUri + "/");

    internal HttpMessageHandler NewHandler() => CreateHandler?.Invoke() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
}
