namespace Reception.Dashboard.Features.Devices;

/// <summary>A manager approves the code a waiting wall screen shows: the screen becomes this site's, with a name and a view.</summary>
public sealed class PairScreen(SiteWriter writer, TimeProvider clock)
{
    public async Task<DeviceDto> PairAsync(SiteCall call, ApproveScreenRequest request)
    {
        var actor = call.Demand(Permission.ManageScreens);
        var managerId = Access.DemandSignedIn(call.User);
        var code = Device.NormalizeCode(request.Code);
        var name = Validation.TrimToNull(request.Name);
        Validate(request, code, name);

        try
        {
            return await writer.WriteAsync(call, actor, $"devices.pair-screen:{call.SiteId}", request, async (db, events) =>
            {
                await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
                var now = clock.GetUtcNow().UtcDateTime;
                var screen = await db.Devices.SingleOrDefaultAsync(d => d.Kind == DeviceKind.WallScreen && d.Code == code, call.Cancellation);
                if (screen is null || !screen.CodeValid(now))
                {
                    throw RuleViolationException.For("code", DeviceText.Get("Device.CodeUnknown"));
                }

                screen.ApprovePairing(call.SiteId, name ?? DeviceText.Get("Device.DefaultScreenName"), request.View, managerId, now);
                events.Add(EventTypes.DeviceScreenPaired, screen.ToEvent());
                return screen.ToDto();
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(DeviceText.Get("Device.AlreadyPaired"));
        }
    }

    private static void Validate(ApproveScreenRequest request, string code, string? name)
    {
        var errors = new Dictionary<string, string[]>();
        if (code.Length != Device.PairingCodeLength)
        {
            errors["code"] = [DeviceText.Get("Device.EnterCode", Device.PairingCodeLength)];
        }

        if (name is { Length: > Validation.NameMaxLength })
        {
            errors["name"] = [ErrorText.Get("MaxLength", Validation.NameMaxLength)];
        }
        else if (Validation.HasControlCharacters(request.Name))
        {
            errors["name"] = [Validation.ControlCharactersRefused()];
        }

        if (!Enum.IsDefined(request.View))
        {
            errors["view"] = [Validation.ChooseOneOf<WallView>()];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }
}
