using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Reception.Dashboard.Client;

namespace Reception.Dashboard.Realtime;

public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>How often each site's group hears the last published sequence number.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// Every few seconds, tells each site's clients the last sequence number published, so a client
/// that lost the final event of a burst, or whose connection silently died, finds out.
/// </summary>
public sealed class HeartbeatService(
    EventPublisher publisher,
    IHubContext<BoardHub, IBoardClient> hub,
    IOptions<RealtimeOptions> options,
    TimeProvider clock,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            publisher.NotifyAll();
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var position in publisher.Positions())
            {
                var heartbeat = new Heartbeat(position.SiteId, position.Epoch, position.LastSeq, now);
                publisher.Beat(heartbeat);
                try
                {
                    await hub.Clients.Group(EventPublisher.GroupName(position.SiteId)).ReceiveHeartbeat(heartbeat);
                }
                catch (Exception ex)
                {
                    logger.LogWarning(ex, "Could not send the heartbeat of site {SiteId}", position.SiteId);
                }
            }
        }
    }
}
