using System.Text.Json;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// The foreman's report (§4.4.3): composed in one action from the posts' figures and open problems,
/// acknowledged by a manager. A new report needs a new acknowledgement.
/// </summary>
public sealed class ForemanReport(VisitWrites visits)
{
    public Task<VisitDto> ComposeAsync(SiteCall call, Guid visitId)
    {
        var actor = call.Demand(Permission.ReportReadiness);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.report:{visitId}", null, async (db, visit, events, now) =>
        {
            var names = await VisitLoading.PostNamesAsync(db, visit, call.Cancellation);
            var figures = Readiness.Figures(visit, now);
            var problems = visit.Posts.Where(p => p.Problem is not null).Select(p => $"{names[p.PostId]}: {p.Problem}")
                .Concat(visit.Posts.Where(p => p.StateAt(now) == ReadinessState.Late).Select(p => names[p.PostId]))
                .ToList();
            var report = new ReadinessReportDto(now, figures.Posts, figures.Ready, figures.Late, figures.Blocked, figures.Pending, problems, null);
            visit.RecordReport(JsonSerializer.Serialize(report, ServerJson.Options), now);
            events.Add(EventTypes.ReportComposed, new ReadinessReported(visit.Id, figures.Posts, figures.Ready, figures.Late, figures.Blocked, false), visit.Id);
        });
    }

    public Task<VisitDto> AcknowledgeAsync(SiteCall call, Guid visitId)
    {
        var actor = call.Demand(Permission.AcknowledgeReport);
        return visits.ChangeVisitAsync(call, actor, visitId, $"visits.acknowledge:{visitId}", null, (db, visit, events, now) =>
        {
            if (visit.AcknowledgeReport(now))
            {
                var report = VisitMapping.ReportOf(visit)!;
                events.Add(EventTypes.ReportAcknowledged, new ReadinessReported(visit.Id, report.Posts, report.Ready, report.Late, report.Blocked, true), visit.Id);
            }

            return Task.CompletedTask;
        });
    }
}
