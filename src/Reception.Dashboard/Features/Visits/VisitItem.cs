using System.Globalization;

namespace Reception.Dashboard.Features.Visits;

/// <summary>One checklist item of one post of a visit: a copy of the site's template item made when the post joined the visit.</summary>
public sealed class VisitItem : VersionedEntity
{
    /// <summary>How long whoever ticked an item may take it back (a slip of the thumb).</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(1);

    private VisitItem()
    {
    }

    public Guid Id { get; private set; }
    public Guid VisitPostId { get; private set; }

    /// <summary>The item's place in the site's template, so a checklist reads in the order the rules give.</summary>
    public int Order { get; private set; }

    public string Key { get; private set; } = "";
    public string Rule { get; private set; } = "";
    public string TextZh { get; private set; } = "";
    public string TextEn { get; private set; } = "";
    public int MinutesBefore { get; private set; }
    public DateTime DueAt { get; private set; }

    /// <summary>The deadline had passed when it was set, so the item is due at once and late only at the arrival.</summary>
    public bool DueNow { get; private set; }

    public DateTime? DoneAt { get; private set; }
    public string? DoneByKind { get; private set; }
    public string? DoneById { get; private set; }
    public string? DoneByRole { get; private set; }
    public bool DoneOnBehalf { get; private set; }

    public static VisitItem From(ChecklistTemplateItem template, Guid visitPostId, DateTime arrival, DateTime setAt)
    {
        var (dueAt, dueNow) = Deadline.For(arrival, template.MinutesBefore, setAt);
        return new VisitItem
        {
            Id = Guid.CreateVersion7(),
            VisitPostId = visitPostId,
            Order = template.Order,
            Key = template.Key,
            Rule = template.Rule,
            TextZh = template.TextZh,
            TextEn = template.TextEn,
            MinutesBefore = template.MinutesBefore,
            DueAt = dueAt,
            DueNow = dueNow,
        };
    }

    public string Text => CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? TextZh : TextEn;

    public ItemState StateAt(DateTime now) =>
        DoneAt is not null ? ItemState.Done : now >= DueAt ? ItemState.Late : ItemState.Open;

    internal void Reschedule(DateTime arrival, DateTime now) => (DueAt, DueNow) = Deadline.For(arrival, MinutesBefore, now);

    /// <returns>Whether it was open before.</returns>
    public bool Tick(Client.Contracts.Actor actor, bool onBehalf, DateTime now)
    {
        if (DoneAt is not null)
        {
            return false;
        }

        (DoneAt, DoneByKind, DoneById, DoneByRole, DoneOnBehalf) = (now, actor.Kind, actor.Id, actor.Role, onBehalf);
        Changed();
        return true;
    }

    /// <summary>Opens an item the system ticked again, when what it did is withdrawn (the fountain notice of a moved visit).</summary>
    public void Reopen()
    {
        (DoneAt, DoneByKind, DoneById, DoneByRole, DoneOnBehalf) = (null, null, null, null, false);
        Changed();
    }

    /// <summary>Takes a tick back: only within the undo window, and only by whoever ticked it unless <paramref name="commands"/>.</summary>
    /// <returns>Whether it was done before.</returns>
    public bool Undo(Client.Contracts.Actor actor, bool commands, DateTime now)
    {
        if (DoneAt is not { } doneAt)
        {
            return false;
        }

        if (now - doneAt > UndoWindow)
        {
            throw new ConflictException(VisitText.Get("ItemUndoTooLate"));
        }

        if (!commands && (actor.Kind != DoneByKind || actor.Id != DoneById))
        {
            throw new ForbiddenException(VisitText.Get("ItemUndoNotYours"));
        }

        (DoneAt, DoneByKind, DoneById, DoneByRole, DoneOnBehalf) = (null, null, null, null, false);
        Changed();
        return true;
    }
}
