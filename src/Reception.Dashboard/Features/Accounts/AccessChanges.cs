namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// A counter that moves whenever anything a token's check depends on is written: users, their
/// roles, tokens. A cached check is valid only while the counter stands where it stood before the
/// check read the database, so a revoked token or a removed role is refused at once.
/// </summary>
public sealed class AccessChanges
{
    private long _generation;

    public long Current => Interlocked.Read(ref _generation);

    public void Moved() => Interlocked.Increment(ref _generation);
}
