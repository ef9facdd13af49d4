using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;

namespace ReverseMentoring.Web.Features.Provisioning;

/// <summary>Configuration of SCIM provisioning ("Scim" section).</summary>
public sealed class ScimOptions
{
    public const string Section = "Scim";

    /// <summary>Requests one token may make per window; Entra ID sends a few a second at most during a full sync.</summary>
    public int PermitLimit { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>The largest request body taken; a user resource is a few hundred bytes.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>A request SCIM refuses, answered in SCIM's own error format (RFC 7644 section 3.12).</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;

    public static ScimException NotFound(string id) => new(StatusCodes.Status404NotFound, null, $"Resource {id} not found.");

    public static ScimException InvalidValue(string detail) => new(StatusCodes.Status400BadRequest, "invalidValue", detail);

    public static ScimException InvalidSyntax(string detail) => new(StatusCodes.Status400BadRequest, "invalidSyntax", detail);
}

/// <summary>SCIM 2.0 (RFC 7643 and 7644) for the company's directory: the constants, the answers and the token check.</summary>
public static class Scim
{
    public const string BasePath = "/scim/v2";
    public const string ContentType = "application/scim+json";
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public const string ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string RateLimitPolicy = "scim";

    /// <summary>The principal's authentication type for a request made with a provisioning token.</summary>
    public const string TokenAuthentication = "ScimToken";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static IServiceCollection AddScimProvisioning(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ScimOptions>(configuration.GetSection(ScimOptions.Section));
        services.AddScoped<ProvisionPeople>();
        services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy<string, ScimRateLimit>(RateLimitPolicy));
        return services;
    }

    public static WebApplication MapScim(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var scim = app.MapGroup(BasePath)
            .RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter(AuthenticateAsync)
            .DisableAntiforgery();
        ProvisionPeople.Map(scim);
        ScimDiscovery.Map(scim);
        scim.Map("/{**rest}", () => Error(StatusCodes.Status404NotFound, null, "There is no such SCIM endpoint."));
        return app;
    }

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK, string? etag = null, string? location = null) =>
        new ScimResult(body.ToJsonString(Compact), status, etag, location);

    public static IResult Error(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ErrorSchema),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null)
        {
            body["scimType"] = scimType;
        }

        return Json(body, status);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string? scimType, string detail) =>
        Error(status, scimType, detail).ExecuteAsync(context);

    /// <summary>
    /// Every SCIM request carries a live provisioning token: a missing, unknown or revoked one gets 401. The request then
    /// acts as the token, named in the audit log by the token's name; refusals become SCIM errors, never a 500 or a page.
    /// </summary>
    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var secret = BearerToken(context.Request);
        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        ProvisioningToken? token = null;
        if (secret is not null)
        {
            var hash = ProvisioningToken.HashOf(secret);
            token = await db.ProvisioningTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, context.RequestAborted);
        }

        if (token is null || token.Revoked || !token.Matches(secret!))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"scim\"";
            return Error(StatusCodes.Status401Unauthorized, null, "A valid provisioning token is required (Authorization: Bearer ...).");
        }

        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAtUtc is not { } last || now - last >= TimeSpan.FromMinutes(1))
        {
            // Outside the audit log and the request's transaction: use, not a change to the token.
            await db.ProvisioningTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), context.RequestAborted);
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, token.Name)], TokenAuthentication));
        try
        {
            return await next(invocation);
        }
        catch (ScimException refused)
        {
            return Error(refused.Status, refused.ScimType, refused.Message);
        }
        catch (DomainRuleException refused)
        {
            return Error(StatusCodes.Status400BadRequest, "invalidValue", refused.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error(StatusCodes.Status412PreconditionFailed, null, "The resource was changed by another request at the same time; read it and try again.");
        }
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && header.Length > bearer.Length
            ? header[bearer.Length..].Trim()
            : null;
    }

    /// <summary>The request body as JSON, refused as a SCIM error when it is too large, not JSON, or not an object.</summary>
    public static async Task<JsonObject> ReadBodyAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = context.RequestServices.GetRequiredService<IOptions<ScimOptions>>().Value.MaxBodyBytes;
        if (context.Request.ContentLength > max)
        {
            throw TooLarge(max);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw TooLarge(max);
            }

            buffer.Write(chunk, 0, read);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length),
                documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            throw ScimException.InvalidSyntax("The request body is not valid JSON.");
        }

        return node as JsonObject ?? throw ScimException.InvalidSyntax("The request body must be a JSON object.");
    }

    private static ScimException TooLarge(int max) =>
        new(StatusCodes.Status413PayloadTooLarge, null, $"The request body is larger than {max} bytes.");

    /// <summary>A SCIM answer: its own content type, and the headers a resource carries.</summary>
    private sealed class ScimResult(string body, int status, string? etag, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            if (etag is not null)
            {
                httpContext.Response.Headers.ETag = etag;
            }

            if (location is not null)
            {
                httpContext.Response.Headers.Location = location;
            }

            await httpContext.Response.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}

/// <summary>
/// Requests per provisioning token per window. The partition is the hash of the presented token, so that a flood of
/// wrong tokens is limited too, and one directory cannot slow another down.
/// </summary>
public sealed class ScimRateLimit(IOptions<ScimOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (rejected, _) =>
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(options.Value.WindowSeconds);
        rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await Scim.WriteErrorAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, null, "Too many requests with this token; wait and try again.");
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var header = httpContext.Request.Headers.Authorization.ToString();
        var key = header.Length == 0 ? "none" : ProvisioningToken.HashOf(header);
        var limits = options.Value;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.PermitLimit,
            Window = TimeSpan.FromSeconds(limits.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
