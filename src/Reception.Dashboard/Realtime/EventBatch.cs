using System.Text.Json;

namespace Reception.Dashboard.Realtime;

/// <summary>The events a command raises; <see cref="SiteWriter"/> numbers and stores them with the command's changes.</summary>
public sealed class EventBatch
{
    private readonly List<(string Type, Guid? VisitId, string Data)> _events = [];

    internal IReadOnlyList<(string Type, Guid? VisitId, string Data)> Events => _events;

    private readonly List<Action> _afterCommit = [];

    internal IReadOnlyList<Action> AfterCommitActions => _afterCommit;

    public void Add<T>(string type, T data, Guid? visitId = null) where T : notnull =>
        _events.Add((type, visitId, JsonSerializer.Serialize(data, ServerJson.Options)));

    /// <summary>Runs <paramref name="action"/> once the write has committed, such as waking a worker for what it queued; never on rollback.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);
}
