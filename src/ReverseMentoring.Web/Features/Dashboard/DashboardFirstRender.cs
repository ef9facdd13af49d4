using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Dashboard;

/// <summary>
/// Renders the dashboard once after a start, in the process and through the whole request pipeline, as a real HR
/// coordinator and a real leader: unfiltered and with a filter. With the figures already worked out, the first person to
/// open the page after a deployment was still paying about 100 ms for the framework's first run of the page: its
/// rendering and tag helpers, the chart data's serializer, the queries of the layout. Nothing is sent anywhere; the pages
/// are rendered and dropped. The people rendered for are the first of each role by id, and nothing is rendered while a
/// role has nobody.
/// </summary>
public sealed class DashboardFirstRender(IServiceScopeFactory scopes, IHttpContextFactory contexts, ILogger<DashboardFirstRender> logger)
{
    private const string Path = "/Dashboard";

    private RequestDelegate? _pipeline;

    /// <summary>Each page rendered and its status code, in order: what the last <see cref="RenderAsync"/> did.</summary>
    public IReadOnlyList<(string Path, int Status)> Rendered { get; private set; } = [];

    /// <summary>Given the app's whole request pipeline once it is built (<see cref="Capture"/>).</summary>
    internal void Use(RequestDelegate pipeline) => _pipeline = pipeline;

    /// <summary>Renders the dashboard as HR and as leadership, the latter also with <paramref name="filter"/>.</summary>
    public async Task RenderAsync(UptakeDashboard.Query? filter, CancellationToken cancellationToken)
    {
        if (_pipeline is not { } pipeline)
        {
            return;
        }

        var parameters = new Dictionary<string, string?>
        {
            [nameof(UptakeDashboard.Query.Department)] = filter?.Department,
            [nameof(UptakeDashboard.Query.JobLevel)] = filter?.JobLevel,
        }.Where(p => p.Value is not null).ToList();
        QueryString[] queries = parameters.Count == 0 ? [QueryString.Empty] : [QueryString.Empty, QueryString.Create(parameters)];

        var rendered = new List<(string, int)>();
        foreach (var (role, withFilter) in new[] { (Roles.HrCoordinator, false), (Roles.Leadership, true) })
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await PrincipalOfFirstAsync(scope.ServiceProvider, role, cancellationToken) is not { } principal)
            {
                continue;
            }

            foreach (var query in withFilter ? queries : [QueryString.Empty])
            {
                rendered.Add((Path + query, await RenderAsync(pipeline, principal, query, cancellationToken)));
            }
        }

        Rendered = rendered;
        if (rendered.Any(r => r.Item2 != StatusCodes.Status200OK))
        {
            logger.LogWarning("Rendering the dashboard after the start did not give every page: {Rendered}", rendered);
        }
    }

    private static async Task<ClaimsPrincipal?> PrincipalOfFirstAsync(IServiceProvider services, string role, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var userId = await (
            from userRole in db.UserRoles
            join r in db.Roles on userRole.RoleId equals r.Id
            where r.Name == role
            orderby userRole.UserId
            select userRole.UserId).FirstOrDefaultAsync(cancellationToken);
        if (userId is null || await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is not { } user)
        {
            return null;
        }

        return await services.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
    }

    // The signed-in person is set on the request itself: with no cookie, authentication leaves it as it is.
    private async Task<int> RenderAsync(RequestDelegate pipeline, ClaimsPrincipal principal, QueryString query, CancellationToken cancellationToken)
    {
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = HttpMethods.Get,
            Scheme = Uri.UriSchemeHttps,
            Protocol = "HTTP/2",
            Path = Path,
            QueryString = query.Value ?? "",
            Headers = new HeaderDictionary { ["Host"] = "localhost", ["Accept"] = "text/html" },
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Loopback, LocalIpAddress = IPAddress.Loopback });
        var context = contexts.Create(features);
        try
        {
            context.User = principal;
            context.RequestAborted = cancellationToken;
            await pipeline(context);
            return context.Response.StatusCode;
        }
        finally
        {
            contexts.Dispose(context);
        }
    }

    /// <summary>Hands the whole pipeline, as built, to <see cref="DashboardFirstRender"/>: the first middleware's next.</summary>
    internal sealed class Capture(DashboardFirstRender render) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(rest =>
            {
                render.Use(rest);
                return rest;
            });
            next(app);
        };
    }
}
