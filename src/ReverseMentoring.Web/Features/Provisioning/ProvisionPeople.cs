using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Coordinator;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Provisioning;

/// <summary>What the audit log calls the directory's actions (see <see cref="AuditAction.NameAfter"/>).</summary>
public static class ProvisionPerson;

public static class UpdateProvisionedPerson;

public static class DeleteProvisionedPerson;

/// <summary>
/// The SCIM Users endpoint: the company's directory lists, reads, creates, replaces, patches and deletes people. Each
/// change is one save in one transaction: a refused request changes nothing.
/// </summary>
public sealed partial class ProvisionPeople(
    AppDbContext db,
    UserManager<AppUser> users,
    Outbox outbox,
    PublicLinks links,
    AuditAction action,
    CurrentUser current,
    TimeProvider clock,
    ILogger<ProvisionPeople> logger)
{
    public const int DefaultCount = 100;
    public const int MaxCount = 200;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static void Map(RouteGroupBuilder scim)
    {
        ArgumentNullException.ThrowIfNull(scim);
        scim.MapGet("/Users", (HttpContext context, ProvisionPeople people) => people.ListAsync(context));
        scim.MapGet("/Users/{id}", (string id, HttpContext context, ProvisionPeople people) => people.GetAsync(id, context));
        scim.MapPost("/Users", (HttpContext context, ProvisionPeople people) => people.CreateAsync(context));
        scim.MapPut("/Users/{id}", (string id, HttpContext context, ProvisionPeople people) => people.ReplaceAsync(id, context));
        scim.MapPatch("/Users/{id}", (string id, HttpContext context, ProvisionPeople people) => people.PatchAsync(id, context));
        scim.MapDelete("/Users/{id}", (string id, HttpContext context, ProvisionPeople people) => people.DeleteAsync(id, context));
    }

    public async Task<IResult> ListAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Request.Query;
        var startIndex = Math.Max(1, Number(query["startIndex"], "startIndex") ?? 1);
        var count = Math.Clamp(Number(query["count"], "count") ?? DefaultCount, 0, MaxCount);
        var accounts = db.ProvisionedAccounts.AsNoTracking().Where(a => a.DeletedAtUtc == null);
        var filter = query["filter"].ToString();
        if (filter.Length > 0)
        {
            var match = FilterPattern().Match(filter);
            if (!match.Success)
            {
                throw new ScimException(StatusCodes.Status400BadRequest, "invalidFilter",
                    "Only filters of the form userName eq \"...\" or externalId eq \"...\" are supported.");
            }

            var value = JsonSerializer.Deserialize<string>($"\"{match.Groups["value"].Value}\"") ?? "";
            if (match.Groups["attr"].Value.Equals("userName", StringComparison.OrdinalIgnoreCase))
            {
                var normalized = users.NormalizeEmail(value);
                accounts = accounts.Where(a => a.User!.NormalizedEmail == normalized);
            }
            else
            {
                accounts = accounts.Where(a => a.ExternalId == value);
            }
        }

        var total = await accounts.CountAsync(context.RequestAborted);
        var page = await accounts.Include(a => a.User).OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id)
            .Skip(startIndex - 1).Take(count).ToListAsync(context.RequestAborted);
        var resources = await RenderAsync(page, context.RequestAborted);
        return Scim.Json(new JsonObject
        {
            ["schemas"] = new JsonArray(Scim.ListSchema),
            ["totalResults"] = total,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = resources.Count,
            ["Resources"] = new JsonArray([.. resources]),
        });
    }

    public async Task<IResult> GetAsync(string id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var account = await FindAsync(id, context.RequestAborted);
        return await AnswerAsync(account, StatusCodes.Status200OK, context.RequestAborted);
    }

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = ScimUser.Parse(await Scim.ReadBodyAsync(context));
        var account = await InTransactionAsync(typeof(ProvisionPerson), async ct =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var normalized = users.NormalizeEmail(data.UserName);
            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized, ct);
            var account = user is null ? null : await db.ProvisionedAccounts.SingleOrDefaultAsync(a => a.UserId == user.Id, ct);
            if (account is { Deleted: false })
            {
                throw Duplicate(data.UserName);
            }

            var added = user is null;
            if (user is null)
            {
                // No password: the person signs in through single sign-on, or sets one through a password reset. No role
                // either, until an invitation or HR's approval of their enrolment gives one, as for imported people.
                user = new AppUser
                {
                    UserName = data.UserName,
                    NormalizedUserName = users.NormalizeName(data.UserName),
                    Email = data.UserName,
                    NormalizedEmail = normalized,
                    EmailConfirmed = true,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    LockoutEnabled = true,
                    DisplayName = data.ShownName(),
                    CreatedAtUtc = now,
                };
                db.Users.Add(user);
            }

            if (account is null)
            {
                // A person who had an account before the directory provisioned them keeps it, and its history.
                account = ProvisionedAccount.For(user, now);
                db.ProvisionedAccounts.Add(account);
            }
            else
            {
                account.Restore(now);
                account.User = user;
            }

            await ApplyAsync(account, user, data with { Active = data.Active ?? true }, added, now, ct);
            await db.SaveChangesAsync(ct);
            await FollowOrgChartAsync(user, now, ct);
            return account;
        }, context.RequestAborted);
        return await AnswerAsync(account, StatusCodes.Status201Created, context.RequestAborted, withLocation: true);
    }

    public async Task<IResult> ReplaceAsync(string id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = ScimUser.Parse(await Scim.ReadBodyAsync(context));
        if (data.Id is not null && data.Id != id)
        {
            throw new ScimException(StatusCodes.Status400BadRequest, "mutability", "id cannot be changed.");
        }

        var account = await UpdateAsync(id, context, (_, _) => Task.FromResult(data));
        return await AnswerAsync(account, StatusCodes.Status200OK, context.RequestAborted);
    }

    public async Task<IResult> PatchAsync(string id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var patch = await Scim.ReadBodyAsync(context);
        var account = await UpdateAsync(id, context, async (account, ct) =>
        {
            var resource = await RenderAsync(account, ct);
            ScimPatch.Apply(resource, patch);
            return ScimUser.Parse(resource);
        });
        return await AnswerAsync(account, StatusCodes.Status200OK, context.RequestAborted);
    }

    public async Task<IResult> DeleteAsync(string id, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await InTransactionAsync(typeof(DeleteProvisionedPerson), async ct =>
        {
            var account = await FindAsync(id, ct, tracked: true);
            CheckVersion(context, account);
            var now = clock.GetUtcNow().UtcDateTime;
            await DeactivateAsync(account, account.User!, now, ct);
            account.Delete(now);
            await db.SaveChangesAsync(ct);
            return account;
        }, context.RequestAborted);
        return Results.NoContent();
    }

    private async Task<ProvisionedAccount> UpdateAsync(string id, HttpContext context, Func<ProvisionedAccount, CancellationToken, Task<ScimUser>> read) =>
        await InTransactionAsync(typeof(UpdateProvisionedPerson), async ct =>
        {
            var account = await FindAsync(id, ct, tracked: true);
            CheckVersion(context, account);
            var data = await read(account, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await ApplyAsync(account, account.User!, data, added: false, now, ct);
            await db.SaveChangesAsync(ct);
            await FollowOrgChartAsync(account.User!, now, ct);
            return account;
        }, context.RequestAborted);

    /// <summary>Writes what the directory sent to the account, the SCIM resource and the org chart.</summary>
    private async Task ApplyAsync(ProvisionedAccount account, AppUser user, ScimUser data, bool added, DateTime now, CancellationToken ct)
    {
        var changes = new Dictionary<string, object?>();
        var normalized = users.NormalizeEmail(data.UserName);
        var oldEmail = user.Email ?? "";
        if (!added && user.NormalizedEmail != normalized)
        {
            if (await db.Users.AnyAsync(u => u.Id != user.Id && (u.NormalizedEmail == normalized || u.NormalizedUserName == normalized), ct))
            {
                throw Duplicate(data.UserName);
            }

            changes[nameof(AppUser.Email)] = new { Before = user.Email, After = data.UserName };
            user.Email = data.UserName;
            user.UserName = data.UserName;
            user.NormalizedEmail = normalized;
            user.NormalizedUserName = users.NormalizeName(data.UserName);
        }

        var shown = data.ShownName();
        if (!string.Equals(user.DisplayName, shown, StringComparison.Ordinal))
        {
            // The name stays out of the log's values, which erasure cannot reach field by field.
            changes[nameof(AppUser.DisplayName)] = new { Before = added ? null : AuditRedactedAttribute.Placeholder, After = AuditRedactedAttribute.Placeholder };
            user.DisplayName = shown;
        }

        var changed = account.Describe(data.ExternalId, data.GivenName, data.FamilyName) | changes.Count > 0;
        changed |= await PlaceAsync(account, user, data, oldEmail, now, ct);

        if (data.Active == false && account.Active)
        {
            changed |= await DeactivateAsync(account, user, now, ct);
            changes["Active"] = new { Before = true, After = false };
        }
        else if (data.Active == true && !account.Active)
        {
            changed |= account.Reactivate(user);
            changes["Active"] = new { Before = false, After = true };
        }

        if (changed && !added)
        {
            account.Changed(now);
        }

        if (changes.Count > 0 || added)
        {
            if (added)
            {
                changes[nameof(AppUser.Email)] = new { Before = (string?)null, After = user.Email };
            }

            // The account record is not audited by itself (its stamps change on every sign-in); the directory's changes are.
            db.AuditEntries.Add(Account.AccountAudit.Entry(user.Id, current.Id, current.Name, added ? "Added" : "Modified", action, now, changes, Compact));
        }
    }

    /// <summary>Department, job level (title), manager and employee number go to the org chart, as the directory's.</summary>
    private async Task<bool> PlaceAsync(ProvisionedAccount account, AppUser user, ScimUser data, string oldEmail, DateTime now, CancellationToken ct)
    {
        string? managerEmail = null;
        if (data.ManagerId is not null)
        {
            if (data.ManagerId == account.Id)
            {
                throw ScimException.InvalidValue("A person cannot be their own manager.");
            }

            managerEmail = await db.ProvisionedAccounts.Where(a => a.Id == data.ManagerId && a.DeletedAtUtc == null)
                .Select(a => a.User!.Email).SingleOrDefaultAsync(ct)
                ?? throw ScimException.InvalidValue($"The manager {data.ManagerId} does not exist: provision the manager first.");
        }

        var changed = false;
        var email = user.Email!;
        if (!string.Equals(OrgChartEntry.Normalize(oldEmail), OrgChartEntry.Normalize(email), StringComparison.Ordinal) && oldEmail.Length > 0)
        {
            var old = OrgChartEntry.Normalize(oldEmail);
            if (await db.OrgChart.SingleOrDefaultAsync(e => e.NormalizedEmail == old && e.Source == OrgSource.Scim, ct) is { } moved)
            {
                db.OrgChart.Remove(moved);
                changed = true;
            }
        }

        var key = OrgChartEntry.Normalize(email);
        var entry = await db.OrgChart.SingleOrDefaultAsync(e => e.NormalizedEmail == key, ct);
        if (entry is null && data.HasPlace)
        {
            entry = OrgChartEntry.For(email);
            db.OrgChart.Add(entry);
        }

        // A place that HR's CSV gave is left alone unless the directory says something about it.
        if (entry is not null && (data.HasPlace || entry.Source == OrgSource.Scim))
        {
            changed |= entry.Place(OrgSource.Scim, data.Department ?? "", data.Title ?? "", managerEmail, data.EmployeeNumber, now);
        }

        return changed;
    }

    /// <summary>The person's open enrolments take the place the directory just gave them (read from the saved chart).</summary>
    private async Task FollowOrgChartAsync(AppUser user, DateTime now, CancellationToken ct)
    {
        if (user.Email is { } email && await OrgChartSync.ApplyToEnrolmentsAsync(db, [OrgChartEntry.Normalize(email)], now, ct) > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Turns the person off (see <see cref="ProvisionedAccount.Deactivate"/>) and tells HR about each live pair.</summary>
    private async Task<bool> DeactivateAsync(ProvisionedAccount account, AppUser user, DateTime now, CancellationToken ct)
    {
        var enrolments = await db.Enrolments.Where(e => e.UserId == user.Id
            && (e.Status == EnrolmentStatus.Pending || e.Status == EnrolmentStatus.Approved)).ToListAsync(ct);
        if (!account.Deactivate(user, enrolments, now))
        {
            return false;
        }

        var pairs = await db.Pairs.AsNoTracking().Live().OfParticipant(user.Id)
            .Select(p => new { Pair = p, Mentor = p.MentorEnrolment!.User!.DisplayName, Mentee = p.MenteeEnrolment!.User!.DisplayName })
            .ToListAsync(ct);
        foreach (var live in pairs)
        {
            await CoordinatorAlerts.RaiseAsync(db, outbox, links,
                CoordinatorAlert.ParticipantDeactivated(live.Pair, live.Mentor, live.Mentee, user.DisplayName, now), ct);
        }

        return true;
    }

    private async Task<T> InTransactionAsync<T>(Type actionType, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        action.NameAfter(actionType);

        // As TransactionBehaviour: inside SQL Server's retrying strategy, messages sent only once it commits.
        var strategy = db.Database.CreateExecutionStrategy();
        T result;
        try
        {
            result = await strategy.ExecuteAsync(async ct =>
            {
                outbox.Forget();
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var done = await work(ct);
                outbox.EnsureSaved();
                await transaction.CommitAsync(ct);
                return done;
            }, cancellationToken);
        }
        catch
        {
            outbox.Forget();
            throw;
        }

        try
        {
            await outbox.DeliverSavedAsync(CancellationToken.None);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "A SCIM change was saved, but its messages could not be sent now; the outbox sender tries again");
        }

        return result;
    }

    private async Task<ProvisionedAccount> FindAsync(string id, CancellationToken ct, bool tracked = false)
    {
        var accounts = tracked ? db.ProvisionedAccounts : db.ProvisionedAccounts.AsNoTracking();
        return await accounts.Include(a => a.User).SingleOrDefaultAsync(a => a.Id == id && a.DeletedAtUtc == null, ct)
            ?? throw ScimException.NotFound(id);
    }

    /// <summary>If-Match, when the directory sends it, must name the current version.</summary>
    private static void CheckVersion(HttpContext context, ProvisionedAccount account)
    {
        var match = context.Request.Headers.IfMatch.ToString();
        if (match.Length > 0 && match != "*" && !match.Split(',').Select(m => m.Trim()).Contains(ScimUser.ETag(account)))
        {
            throw new ScimException(StatusCodes.Status412PreconditionFailed, null, "The resource has changed since that version; read it again.");
        }
    }

    private async Task<IResult> AnswerAsync(ProvisionedAccount account, int status, CancellationToken ct, bool withLocation = false)
    {
        var resource = await RenderAsync(account, ct);
        return Scim.Json(resource, status, ScimUser.ETag(account), withLocation ? Location(account.Id) : null);
    }

    private async Task<JsonObject> RenderAsync(ProvisionedAccount account, CancellationToken ct) => (await RenderAsync([account], ct))[0];

    private async Task<List<JsonObject>> RenderAsync(IReadOnlyList<ProvisionedAccount> accounts, CancellationToken ct)
    {
        var keys = accounts.Select(a => OrgChartEntry.Normalize(a.User!.Email ?? "")).ToList();
        var places = await db.OrgChart.AsNoTracking().Where(e => keys.Contains(e.NormalizedEmail)).ToDictionaryAsync(e => e.NormalizedEmail, ct);
        var managerKeys = places.Values.Where(p => p.ManagerEmail is not null).Select(p => p.ManagerEmail!).Distinct().ToList();
        var managers = managerKeys.Count == 0 ? [] : await db.ProvisionedAccounts.AsNoTracking()
            .Where(a => a.DeletedAtUtc == null && managerKeys.Contains(a.User!.NormalizedEmail!))
            .Select(a => new { a.Id, Email = a.User!.NormalizedEmail! })
            .ToDictionaryAsync(a => a.Email, a => a.Id, ct);
        return accounts.Select((a, i) =>
        {
            var place = places.GetValueOrDefault(keys[i]);
            var manager = place?.ManagerEmail is { } email ? managers.GetValueOrDefault(email) : null;
            return ScimUser.Render(a, a.User!, place, manager, Location(a.Id));
        }).ToList();
    }

    private string Location(string id) => links.To($"{Scim.BasePath}/Users/{Uri.EscapeDataString(id)}");

    private static ScimException Duplicate(string userName) =>
        new(StatusCodes.Status409Conflict, "uniqueness", $"A person with the userName {userName} exists already.");

    private static int? Number(Microsoft.Extensions.Primitives.StringValues value, string name)
    {
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            return null;
        }

        return int.TryParse(value[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw ScimException.InvalidValue($"{name} must be a whole number.");
    }

    [GeneratedRegex("""^\s*(?<attr>userName|externalId)\s+eq\s+"(?<value>(?:[^"\\]|\\.)*)"\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FilterPattern();
}
