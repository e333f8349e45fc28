using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Reception.Dashboard.Data;

public static class ReadSnapshot
{
    /// <summary>
    /// Starts a transaction in which every read sees one consistent state, without blocking writers:
    /// on SQLite a deferred transaction (WAL gives it a snapshot at its first read); elsewhere
    /// repeatable read.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginReadSnapshotAsync(this ReceptionDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = connection.BeginTransaction(deferred: true);
        return await db.Database.UseTransactionAsync(transaction, ct)
            ?? throw new InvalidOperationException("EF Core did not take the read transaction.");
    }
}
