namespace Reception.Dashboard.Features.Posts;

public static class PostsApi
{
    public static RouteGroupBuilder MapPostsApi(this RouteGroupBuilder site)
    {
        var posts = site.MapSiteResource<PostService, PostDto, CreatePost, UpdatePost>(
            "/posts", "Posts", "postId", p => p.Id, Permission.ViewBoard, Permission.ManageSite);

        posts.MapPost("/{postId:guid}/archive", ([AsParameters] SiteCall call, Guid postId, PostService service) => service.ArchiveAsync(call, postId))
            .RequireSitePermission(Permission.ManageSite);

        posts.MapPost("/{postId:guid}/restore", ([AsParameters] SiteCall call, Guid postId, PostService service) => service.RestoreAsync(call, postId))
            .RequireSitePermission(Permission.ManageSite);

        return site;
    }
}
