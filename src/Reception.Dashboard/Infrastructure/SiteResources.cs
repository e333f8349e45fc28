namespace Reception.Dashboard.Infrastructure;

/// <summary>A site's list of things that people create and change (posts, shifts, departments, staff): one shape for all.</summary>
public interface ISiteResource<TDto, in TCreate, in TUpdate>
{
    Task<IReadOnlyList<TDto>> ListAsync(SiteCall call);

    Task<TDto> GetAsync(SiteCall call, Guid id);

    Task<TDto> CreateAsync(SiteCall call, TCreate request);

    Task<TDto> UpdateAsync(SiteCall call, Guid id, TUpdate request);
}

public static class SiteResourceEndpoints
{
    /// <summary>
    /// Maps list, get, create and update of a site resource under <paramref name="path"/>, reading
    /// with <paramref name="read"/> and writing with <paramref name="write"/>; answers the group for
    /// the resource's own extra endpoints.
    /// </summary>
    public static RouteGroupBuilder MapSiteResource<TService, TDto, TCreate, TUpdate>(
        this RouteGroupBuilder site,
        string path,
        string tag,
        string idName,
        Func<TDto, Guid> idOf,
        Permission read,
        Permission write)
        where TService : ISiteResource<TDto, TCreate, TUpdate>
        where TCreate : notnull
        where TUpdate : notnull
    {
        var group = site.MapGroup(path).WithTags(tag);
        // "postId" names the item's route "GetPost", as the features named it before they shared this.
        var getName = "Get" + char.ToUpperInvariant(idName[0]) + idName[1..^2];
        var item = $"/{{{idName}:guid}}";

        // The handlers are handed over as Delegate values: the route analyzer of the .NET 10 SDK
        // throws on lambdas whose parameters are type parameters, though binding them works.
        Delegate list = ([AsParameters] SiteCall call, TService service) => service.ListAsync(call);
        Delegate get = ([AsParameters] SiteCall call, HttpContext http, TService service) => service.GetAsync(call, IdOf(http, idName));
        Delegate create = async ([AsParameters] SiteCall call, TCreate request, TService service) =>
        {
            var created = await service.CreateAsync(call, request);
            return TypedResults.CreatedAtRoute(created, getName, new RouteValueDictionary { ["siteId"] = call.SiteId, [idName] = idOf(created) });
        };
        Delegate update = ([AsParameters] SiteCall call, HttpContext http, TUpdate request, TService service) =>
            service.UpdateAsync(call, IdOf(http, idName), request);

        // The build-time generator cannot see through a generic delegate; these few are built at start-up.
#pragma warning disable RDG002
        group.MapGet("/", list).RequireSitePermission(read);
        group.MapGet(item, get).WithName(getName).RequireSitePermission(read);
        group.MapPost("/", create).RequireSitePermission(write);
        group.MapPut(item, update).RequireSitePermission(write);
#pragma warning restore RDG002
        return group;
    }

    // The route constraint has already made it a Guid.
    private static Guid IdOf(HttpContext http, string idName) => Guid.Parse((string)http.GetRouteValue(idName)!);
}
