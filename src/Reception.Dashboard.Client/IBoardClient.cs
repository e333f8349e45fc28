using Reception.Dashboard.Client.Contracts;

namespace Reception.Dashboard.Client;

/// <summary>The methods the board hub calls on its clients.</summary>
public interface IBoardClient
{
    /// <summary>A site event, pushed in sequence order.</summary>
    Task ReceiveEvent(BoardEvent boardEvent);

    /// <summary>The site's stream position, every few seconds.</summary>
    Task ReceiveHeartbeat(Heartbeat heartbeat);
}
