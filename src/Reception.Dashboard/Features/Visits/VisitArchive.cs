using System.Globalization;
using Microsoft.Extensions.Localization;
using Reception.Dashboard.Infrastructure.Csv;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// A visit's archive (§4.2.3): its events in order, with who did each, read from the same log the
/// board is fed from, so the archive and the board cannot disagree.
/// </summary>
public sealed class VisitArchive(IDbContextFactory<ReceptionDbContext> dbFactory, IStringLocalizer<Text> text)
{
    public async Task<IReadOnlyList<VisitTimelineEntry>> TimelineAsync(SiteCall call, Guid visitId)
    {
        // Names of the people who acted: for those who may see staff records.
        call.Demand(Permission.ViewStaff);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stream = await db.SiteStreams.AsNoTracking().SingleOrDefaultAsync(s => s.SiteId == siteId, ct) ?? throw NotFoundException.Site(siteId);
        // The orders and violations give the archive their words, which the events do not carry.
        var visit = await db.Visits.AsNoTracking().Include(v => v.Orders).ThenInclude(o => o.Recipients).Include(v => v.Violations).AsSplitQuery()
            .SingleOrDefaultAsync(v => v.SiteId == siteId && v.Id == visitId, ct)
            ?? throw new NotFoundException(VisitText.Get("Entity.Visit"), visitId);
        var zone = (await db.Sites.AsNoTracking().SingleAsync(s => s.Id == siteId, ct)).TimeZone;
        var events = await db.Events.AsNoTracking().Where(e => e.SiteId == siteId && e.VisitId == visitId).OrderBy(e => e.Seq).ToListAsync(ct);
        var posts = await db.Posts.AsNoTracking().Where(p => p.SiteId == siteId).ToDictionaryAsync(p => p.Id, ct);
        var lines = new ArchiveText(text, visit, posts, zone);
        var names = await ActorNamesAsync(db, events.Where(e => e.ActorKind is not null).Select(e => (e.ActorKind!, e.ActorId!)).Distinct().ToList(), ct);
        return events.Select(e =>
        {
            var envelope = e.ToEnvelope(stream.Epoch);
            var actor = e.ActorKind is null ? null : names.TryGetValue((e.ActorKind, e.ActorId!), out var name) ? name : e.ActorId;
            var postId = envelope.Data.ValueKind == System.Text.Json.JsonValueKind.Object && envelope.Data.TryGetProperty("postId", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.String && p.TryGetGuid(out var named) ? named : (Guid?)null;
            return new VisitTimelineEntry(e.Seq, e.At, e.Type, lines.Describe(envelope), postId, actor, e.ActorRole);
        }).ToList();
    }

    /// <summary>The timeline as CSV, times in the site's zone.</summary>
    public async Task<string> CsvAsync(SiteCall call, Guid visitId)
    {
        var timeline = await TimelineAsync(call, visitId);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        var zone = (await db.Sites.AsNoTracking().SingleAsync(s => s.Id == call.SiteId, call.Cancellation)).TimeZone;
        var header = new[] { "Archive.Seq", "Archive.Time", "Archive.Event", "Archive.Who", "Archive.Role", "Archive.Type" }.Select(key => text[key].Value);
        return CsvFile.Write(
        [
            header,
            .. timeline.Select(entry => new[]
            {
                entry.Seq.ToString(CultureInfo.InvariantCulture),
                TimeZoneInfo.ConvertTimeFromUtc(entry.At, zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                entry.What, entry.Actor, entry.ActorRole, entry.Type,
            }),
        ]);
    }

    private async Task<Dictionary<(string Kind, string Id), string>> ActorNamesAsync(ReceptionDbContext db, IReadOnlyList<(string Kind, string Id)> actors, CancellationToken ct)
    {
        var ids = actors.Select(a => Guid.TryParse(a.Id, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var devices = await db.Devices.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var names = new Dictionary<(string, string), string>();
        foreach (var (kind, id) in actors)
        {
            var guid = Guid.TryParse(id, out var g) ? g : Guid.Empty;
            var name = kind switch
            {
                "user" => users.GetValueOrDefault(guid),
                "device" => devices.GetValueOrDefault(guid),
                "token" => tokens.GetValueOrDefault(guid),
                // The product's own writes: the demo's by name, the scheduler's and the webhooks' as the scheduler.
                SiteCall.SystemKind => text[$"Archive.System.{id}"] is { ResourceNotFound: false } named ? named.Value : text["Archive.System"].Value,
                _ => null,
            };
            if (name is not null)
            {
                names[(kind, id)] = name;
            }
        }

        return names;
    }
}
