namespace Reception.Dashboard.Features.Visits;

/// <summary>A site's checklist template. A visit copies it when announced, so editing it never changes a visit under way.</summary>
public sealed class ChecklistTemplateService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer)
{
    public const int MaxItems = 100;

    private static readonly ChecklistTemplateValidator ItemValidator = new();

    public async Task<IReadOnlyList<ChecklistTemplateItemDto>> GetAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var items = await db.ChecklistTemplate.AsNoTracking().Where(t => t.SiteId == call.SiteId).OrderBy(t => t.Order).ToListAsync(call.Cancellation);
        return items.Count > 0 ? items.Select(t => t.ToDto()).ToList() : DefaultChecklist.Items;
    }

    public Task<IReadOnlyList<ChecklistTemplateItemDto>> SetAsync(SiteCall call, SetChecklistTemplate request)
    {
        var actor = call.Demand(Permission.EditChecklists);
        var items = request.Items ?? throw RuleViolationException.For("items", VisitText.Get("GiveItems"));
        Check(items);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        return writer.WriteAsync(call, actor, $"checklists.set:{siteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            await db.ChecklistTemplate.Where(t => t.SiteId == siteId).ExecuteDeleteAsync(ct);
            var rows = items.Select((item, i) => ChecklistTemplateItem.From(siteId, i, item)).ToList();
            db.ChecklistTemplate.AddRange(rows);
            events.Add(EventTypes.ChecklistTemplateChanged, new ChecklistTemplateChanged(rows.Count));
            return (IReadOnlyList<ChecklistTemplateItemDto>)rows.Select(r => r.ToDto()).ToList();
        });
    }

    private static void Check(IReadOnlyList<ChecklistTemplateItemDto> items)
    {
        var errors = new Dictionary<string, string[]>();
        if (items.Count is 0 or > MaxItems)
        {
            errors["items"] = [VisitText.Get("TemplateSize", MaxItems)];
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                errors[$"items[{i}]"] = [VisitText.Get("GiveItems")];
                continue;
            }

            // Missing, it would read as 0: due at the arrival instead of before it.
            if (items[i].MinutesBefore is null)
            {
                errors[$"items[{i}].minutesBefore"] = [VisitText.Get("MinutesBefore", ChecklistTemplateValidator.MaxMinutesBefore)];
            }

            foreach (var failure in ItemValidator.Validate(items[i]).Errors)
            {
                var field = $"items[{i}].{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(failure.PropertyName)}";
                errors[field] = [.. errors.GetValueOrDefault(field, []), failure.ErrorMessage];
            }
        }

        if (items.Select(i => i?.Key?.Trim()).GroupBy(k => k).Any(g => g.Count() > 1))
        {
            errors["items"] = [VisitText.Get("TemplateKeyRepeated")];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }
}
