using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Shared;

namespace ReverseMentoring.Web.Features.Audit;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class SearchAuditModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SearchAudit.Query Data { get; set; } = new();

    /// <summary>Null when the filters were rejected; the form is shown again with the messages.</summary>
    public SearchAudit.Result? Result { get; private set; }

    public IReadOnlyList<string> RecordTypes { get; } = SearchAudit.RecordTypes;

    /// <summary>The filters as a query string, for the pager and the CSV link.</summary>
    public string FilterQuery => string.Join("&", Request.Query
        .Where(q => q.Key.StartsWith("Data.", StringComparison.Ordinal) && q.Key != "Data.Page" && !string.IsNullOrEmpty(q.Value))
        .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        Data.Page = page ?? 1;
        Result = await mediator.Send(Data, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        byte[] csv;
        try
        {
            csv = await mediator.Send(new ExportAudit.Query(Data), cancellationToken);
        }
        catch (RequestValidationException invalid) when (!ReferenceEquals(invalid.Request, Data))
        {
            // The export's filters are the page's: each message goes next to its field on the page shown again.
            const string prefix = nameof(ExportAudit.Query.Filters) + ".";
            throw new RequestValidationException(Data, invalid.Failures
                .Select(f => new ValidationFailure(f.PropertyName.StartsWith(prefix, StringComparison.Ordinal) ? f.PropertyName[prefix.Length..] : f.PropertyName, f.ErrorMessage))
                .ToList());
        }

        return CsvExport.File(csv, "audit-log.csv");
    }
}

/// <summary>HR searches the audit log: who changed which record, when, and its values before and after.</summary>
public static class SearchAudit
{
    public const int PageSize = 50;
    public const int TextMaxLength = 200;

    public static IReadOnlyList<string> Actions { get; } = ["Added", "Modified", "Deleted"];

    /// <summary>The audited record types, from the model: complete without scanning the log for distinct values.</summary>
    public static IReadOnlyList<string> RecordTypes { get; } = typeof(AppDbContext).Assembly.GetTypes()
        .Where(t => typeof(IAudited).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Query : IQuery<Result>
    {
        /// <summary>Part of the e-mail address or name of the person who made the change.</summary>
        public string? Who { get; set; }

        public string? Entity { get; set; }

        public string? EntityId { get; set; }

        public string? Action { get; set; }

        /// <summary>First day included, in the viewer's time zone.</summary>
        public DateOnly? From { get; set; }

        /// <summary>Last day included, in the viewer's time zone.</summary>
        public DateOnly? To { get; set; }

        /// <summary>Text anywhere in the changed values.</summary>
        public string? Text { get; set; }

        public int Page { get; set; } = 1;
    }

    public sealed record Change(string Property, string Before, string After);

    public sealed record Row(long Id, DateTime At, string Who, string Action, string Entity, string EntityId, string? Link, IReadOnlyList<Change> Changes);

    public sealed record Result(IReadOnlyList<Row> Rows, int Page, int PageCount, int Total, string TimeZoneId);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Who).MaximumLength(256).WithMessage("Search for at most 256 characters of a name or e-mail address.");
            RuleFor(q => q.Entity)
                .Must(e => string.IsNullOrEmpty(e) || RecordTypes.Contains(e))
                .WithMessage("Choose a record type from the list.");
            RuleFor(q => q.EntityId).MaximumLength(64).WithMessage("A record id has at most 64 characters.");
            RuleFor(q => q.Action)
                .Must(a => string.IsNullOrEmpty(a) || Actions.Contains(a))
                .WithMessage("Choose Added, Modified or Deleted.");
            RuleFor(q => q.From).WithinSupportedDates();
            RuleFor(q => q.To).WithinSupportedDates();
            RuleFor(q => q.To)
                .Must((q, to) => q.From is null || to is null || to >= q.From)
                .WithMessage("The last day must be on or after the first day.");
            RuleFor(q => q.Text).MaximumLength(TextMaxLength).WithMessage("Search for at most 200 characters of changed text.");
        }
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var zone = await ViewerTimeZoneAsync(db, current.RequireId(), cancellationToken);
            var entries = Filter(db, query, zone);
            var total = await entries.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var found = await entries
                .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
                .Page(page, PageSize)
                .ToListAsync(cancellationToken);
            var links = await RecordLinksAsync(db, found, cancellationToken);
            var rows = found.Select(a => new Row(a.Id, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(a.AtUtc, DateTimeKind.Utc), zone),
                    a.UserName, a.Action, a.Entity, a.EntityId, links.GetValueOrDefault((a.Entity, a.EntityId)), ReadChanges(a.Changes)))
                .ToList();
            return new Result(rows, page, pageCount, total, zone.Id);
        }
    }

    public static async Task<TimeZoneInfo> ViewerTimeZoneAsync(AppDbContext db, string userId, CancellationToken cancellationToken)
    {
        var id = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "UTC", out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The entries matching the filters; dates are whole days in the viewer's time zone.</summary>
    public static IQueryable<AuditEntry> Filter(AppDbContext db, Query query, TimeZoneInfo zone)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Who))
        {
            var pattern = Contains(query.Who.Trim());
            entries = entries.Where(a => EF.Functions.Like(a.UserName, pattern, "\\")
                || db.Users.Any(u => u.Id == a.UserId && EF.Functions.Like(u.DisplayName, pattern, "\\")));
        }

        if (!string.IsNullOrEmpty(query.Entity))
        {
            entries = entries.Where(a => a.Entity == query.Entity);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            var id = query.EntityId.Trim();
            entries = entries.Where(a => a.EntityId == id);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            entries = entries.Where(a => a.Action == query.Action);
        }

        if (query.From is { } from)
        {
            var fromUtc = StartOfDayUtc(from, zone);
            entries = entries.Where(a => a.AtUtc >= fromUtc);
        }

        if (query.To is { } to)
        {
            var beforeUtc = StartOfDayUtc(to.AddDays(1), zone);
            entries = entries.Where(a => a.AtUtc < beforeUtc);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // Values are stored as JSON, which escapes characters such as < and é: search for both spellings.
            var text = query.Text.Trim();
            var plain = Contains(text);
            var escaped = Contains(JsonSerializer.Serialize(text)[1..^1]);
            entries = entries.Where(a => EF.Functions.Like(a.Changes, plain, "\\") || EF.Functions.Like(a.Changes, escaped, "\\"));
        }

        return entries;
    }

    private static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    private static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(local) ? TimeZoneInfo.ConvertTimeToUtc(local.AddHours(1), zone) : TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The changed properties, each value as text; the page encodes it like any other text.</summary>
    public static IReadOnlyList<Change> ReadChanges(string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateObject()
                .Select(p => new Change(p.Name, Text(p.Value, "Before"), Text(p.Value, "After")))
                .ToList();
        }
        catch (JsonException)
        {
            return [new Change("(unreadable)", "", json)];
        }
    }

    private static string Text(JsonElement change, string side) =>
        change.ValueKind == JsonValueKind.Object && change.TryGetProperty(side, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Null => "",
                JsonValueKind.String => value.GetString() ?? "",
                _ => value.GetRawText(),
            }
            : "";

    /// <summary>Links to the records that have a page; looked up in batches for one page of the log.</summary>
    private static async Task<Dictionary<(string, string), string>> RecordLinksAsync(AppDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var links = new Dictionary<(string, string), string>();
        List<int> Ids(string entity) => entries.Where(e => e.Entity == entity)
            .Select(e => int.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

        var programs = Ids(nameof(MentoringProgram));
        foreach (var id in await db.Programs.Where(p => programs.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken))
        {
            links[(nameof(MentoringProgram), Key(id))] = $"/Programs/{id}";
        }

        var enrolments = Ids(nameof(Enrolment));
        foreach (var e in await db.Enrolments.Where(e => enrolments.Contains(e.Id)).Select(e => new { e.Id, e.ProgramId }).ToListAsync(cancellationToken))
        {
            links[(nameof(Enrolment), Key(e.Id))] = $"/Programs/{e.ProgramId}/Enrolments/{e.Id}";
        }

        var invitations = Ids(nameof(Invitation));
        foreach (var i in await db.Invitations.Where(i => invitations.Contains(i.Id) && i.ProgramId != null).Select(i => new { i.Id, i.ProgramId }).ToListAsync(cancellationToken))
        {
            links[(nameof(Invitation), Key(i.Id))] = $"/Programs/{i.ProgramId}/Invitations";
        }

        var resources = Ids(nameof(Resource));
        foreach (var r in await db.Resources.Where(r => resources.Contains(r.Id)).Select(r => new { r.Id, r.ProgramId }).ToListAsync(cancellationToken))
        {
            links[(nameof(Resource), Key(r.Id))] = $"/Programs/{r.ProgramId}/Resources";
        }

        return links;
    }
}

/// <summary>The filtered audit log as a CSV file, one line per changed property, newest first.</summary>
public static class ExportAudit
{
    /// <summary>A bound on one download; narrower filters get the rest.</summary>
    public const int MaxEntries = 100_000;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(SearchAudit.Query Filters) : IQuery<byte[]>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filters).SetValidator(new SearchAudit.Validator());
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var zone = await SearchAudit.ViewerTimeZoneAsync(db, current.RequireId(), cancellationToken);
            var entries = SearchAudit.Filter(db, query.Filters, zone)
                .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
                .Take(MaxEntries)
                .AsAsyncEnumerable();
            return await CsvExport.WriteAsync(
                ["When (UTC)", "Who", "Action", "Record type", "Record id", "Property", "Before", "After"], Lines(entries, cancellationToken), cancellationToken);
        }

        private static async IAsyncEnumerable<IReadOnlyList<string>> Lines(
            IAsyncEnumerable<AuditEntry> entries, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var entry in entries.WithCancellation(cancellationToken))
            {
                var when = DateTime.SpecifyKind(entry.AtUtc, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var changes = SearchAudit.ReadChanges(entry.Changes);
                if (changes.Count == 0)
                {
                    yield return [when, entry.UserName, entry.Action, entry.Entity, entry.EntityId, "", "", ""];
                }

                foreach (var change in changes)
                {
                    yield return [when, entry.UserName, entry.Action, entry.Entity, entry.EntityId, change.Property, change.Before, change.After];
                }
            }
        }
    }
}
