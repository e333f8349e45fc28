namespace Reception.Dashboard.Infrastructure;

/// <summary>
/// A mutable entity with an optimistic concurrency token. Callers send the version their change is
/// based on; a stale one is refused with 409 and the current version.
/// </summary>
public abstract class VersionedEntity
{
    public long Version { get; private set; } = 1;

    protected void Changed() => Version++;
}
