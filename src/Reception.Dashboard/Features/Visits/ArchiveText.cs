using System.Globalization;
using Microsoft.Extensions.Localization;
using Reception.Dashboard.Features.Board;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Localization;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// A line of a visit's archive (§4.2.3). The feed's short line says that something happened; the record must
/// say what: the order's words and to whom, the violation's kind, place and description, a move from when to
/// when. Events carry no free text, so the order's and the violation's words are read from the visit. The
/// feeds (the board's, the wall's) keep <see cref="EventText"/>'s one short line.
/// </summary>
internal sealed class ArchiveText(IStringLocalizer<Text> T, Visit visit, IReadOnlyDictionary<Guid, Post> posts, TimeZoneInfo zone)
{
    public string Describe(BoardEvent e) => e.Type switch
    {
        EventTypes.OrderSent or EventTypes.OrderAcknowledged or EventTypes.OrderOverdue => Order(e.Type, e.DataAs<OrderChanged>()) ?? Short(e),
        EventTypes.ViolationReported or EventTypes.ViolationCleared => Violation(e.Type, e.DataAs<ViolationChanged>()) ?? Short(e),
        EventTypes.VisitRescheduled => Moved(e.DataAs<VisitChanged>()),
        _ => Short(e),
    };

    private string Short(BoardEvent e) => EventText.Describe(T, e, id => posts.GetValueOrDefault(id)?.Name);

    private string PostName(Guid id) => posts.GetValueOrDefault(id)?.Name ?? T["Event.APost"].Value;

    /// <summary>Every line of an order names its words, so a visit's several orders cannot be confused.</summary>
    private string? Order(string type, OrderChanged changed)
    {
        if (visit.Orders.SingleOrDefault(o => o.Id == changed.OrderId) is not { } order)
        {
            return null;
        }

        return type switch
        {
            EventTypes.OrderSent => T["Archive.OrderSent", Recipients(order), order.Text].Value,
            EventTypes.OrderAcknowledged => T["Archive.OrderAcknowledged", changed.PostId is { } post ? PostName(post) : T["Event.APost"].Value, order.Text].Value,
            _ => T["Archive.OrderOverdue", order.Text].Value,
        };
    }

    /// <summary>The posts an order went to, in the site's route order, as the board lists them.</summary>
    private string Recipients(VisitOrder order) => string.Join(T["Archive.ListSeparator"].Value,
        order.Recipients.Select(r => r.PostId).OrderBy(id => posts.GetValueOrDefault(id)?.RouteOrder ?? int.MaxValue).Select(PostName));

    private string? Violation(string type, ViolationChanged changed)
    {
        if (visit.Violations.SingleOrDefault(v => v.Id == changed.ViolationId) is not { } violation)
        {
            return null;
        }

        var kind = VisitText.Get($"ViolationKind.{violation.Kind}");
        var place = string.Join(" · ", new[] { violation.PostId is { } id ? PostName(id) : null, violation.Location }.OfType<string>());
        var what = place.Length == 0 ? kind : T["Archive.KindAtPlace", kind, place].Value;
        var key = type == EventTypes.ViolationReported ? "Archive.ViolationReported" : "Archive.ViolationCleared";
        return T[key, what, violation.Description].Value;
    }

    /// <summary>Old → new arrival in the site's time, the new one as its time alone when the day stays the same.</summary>
    private string Moved(VisitChanged moved)
    {
        var to = TimeZoneInfo.ConvertTimeFromUtc(moved.Arrival, zone);
        if (moved.PreviousArrival is not { } previousUtc)
        {
            // Moves recorded before the event kept the arrival it had.
            return T["Archive.RescheduledTo", moved.Title, Format(to, "yyyy-MM-dd HH:mm")].Value;
        }

        var from = TimeZoneInfo.ConvertTimeFromUtc(previousUtc, zone);
        return T["Archive.Rescheduled", moved.Title, Format(from, "yyyy-MM-dd HH:mm"), Format(to, from.Date == to.Date ? "HH:mm" : "yyyy-MM-dd HH:mm")].Value;
    }

    private static string Format(DateTime local, string format) => local.ToString(format, CultureInfo.InvariantCulture);
}
