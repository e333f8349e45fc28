using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Moves <see cref="AccessChanges"/> around every write to the tables a token's check reads (its
/// token, its user, the user's roles), whether it comes from SaveChanges, ExecuteUpdate/Delete or
/// Identity: before the statement runs, after it, once its reader is closed (SQLite commits a lone
/// statement only then), and again when its transaction ends, so no check that read the old rows
/// outlives the change. The token check's own note of when a token was last used is not a change.
/// </summary>
public sealed class AccessChangeInterceptor(AccessChanges changes) : DbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>Tags the token check's own write of when a token was last used, which no check depends on.</summary>
    public const string LastUsedTag = "token last used";

    private static readonly string[] Tables = ["\"Users\"", "\"UserSiteRoles\"", "\"AccessTokens\""];

    // Transactions that wrote one of the tables, to move the counter again once they commit.
    private readonly ConditionalWeakTable<DbTransaction, object> _touched = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Before(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Before(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        After(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        After(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Before(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(command);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        After(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (WritesAccess(command))
        {
            // Closing steps the statement to its end, which commits it; only then may the counter move for good.
            eventData.DataReader.Close();
            changes.Moved();
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    private void Before(DbCommand command)
    {
        if (!WritesAccess(command))
        {
            return;
        }

        changes.Moved();
        if (command.Transaction is { } transaction)
        {
            _touched.AddOrUpdate(transaction, this);
        }
    }

    private void After(DbCommand command)
    {
        if (WritesAccess(command))
        {
            changes.Moved();
        }
    }

    private void Ended(DbTransaction transaction)
    {
        if (_touched.Remove(transaction))
        {
            changes.Moved();
        }
    }

    private static bool WritesAccess(DbCommand command)
    {
        var sql = command.CommandText.AsSpan().TrimStart();
        if (sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("-- " + LastUsedTag, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var table in Tables)
        {
            if (sql.Contains(table, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
