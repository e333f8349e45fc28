namespace Reception.Dashboard.Client;

/// <summary>Where a <see cref="BoardFeed"/> stands.</summary>
public enum BoardFeedState
{
    /// <summary>Making its first connection.</summary>
    Connecting,

    /// <summary>Connected, and every followed site is caught up: events arrive as they happen.</summary>
    Live,

    /// <summary>The connection was lost; trying again, with backoff, for as long as it takes.</summary>
    Reconnecting,

    /// <summary>Stopped by its owner.</summary>
    Stopped,
}
