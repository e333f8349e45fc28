using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reception.Dashboard.Data;

/// <summary>
/// busy_timeout is per connection, so it is set on every open: a writer that finds the database
/// locked waits for the other writer's commit instead of failing.
/// </summary>
public sealed class SqlitePragmas(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        Execute(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Execute(connection);
        return Task.CompletedTask;
    }

    private void Execute(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;";
        command.ExecuteNonQuery();
    }
}
