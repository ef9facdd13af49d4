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

    public IReadOnlyList<(int Id, string Name)> Programs { get; private set; } = [];

    /// <summary>The filters as a query string, for the pager and the CSV link.</summary>
    public string FilterQuery => string.Join("&", Request.Query
        .Where(q => q.Key.StartsWith("Data.", StringComparison.Ordinal) && q.Key != "Data.Page" && !string.IsNullOrEmpty(q.Value))
        .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}"));

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        Data.Page = page ?? 1;
        Programs = await mediator.Send(new SearchAudit.ProgramsQuery(), cancellationToken);
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

/// <summary>
/// HR searches the audit log: one row per action (what a person did, in words) with the records it changed, each
/// field named as on the forms and each value as the app shows it. Filtered by who, the person a change is about,
/// program, record, dates and text.
/// </summary>
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

        /// <summary>Part of the e-mail address or name of the person a change is by or about (their enrolments, pairs, sessions, invitations).</summary>
        public string? About { get; set; }

        public int? ProgramId { get; set; }

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

    /// <summary>At most this many people may match "about"; more asks for more of the name.</summary>
    public const int MaxPeopleAbout = 20;

    public const string TooManyPeopleMessage = "More than 20 people match; type more of their name or e-mail address.";

    /// <summary>A changed field as shown; the hints keep the ids behind names, for hover.</summary>
    public sealed record Change(string Field, string Before, string After, string? BeforeHint = null, string? AfterHint = null);

    /// <summary>One record an action added, changed or deleted.</summary>
    public sealed record Record(long Id, string Action, string Entity, string EntityId, string? Link, IReadOnlyList<Change> Changes)
    {
        public string Label => AuditWording.Record(Entity);
    }

    /// <summary>At most this many records of one action are shown; a bulk action's others are counted.</summary>
    public const int RecordsShown = 25;

    /// <summary>One action: who did what, when, and the records it touched (the first <see cref="RecordsShown"/>, of <see cref="RecordCount"/>).</summary>
    public sealed record Row(string Key, DateTime At, string Who, string? WhoId, string ActionName, IReadOnlyList<Record> Records, int RecordCount)
    {
        public int RecordsNotShown => RecordCount - Records.Count;

        public string Title => ActionName.Length > 0 ? ActionName : Records.Count == 1 ? $"{Records[0].Action} {Records[0].Label.ToLowerInvariant()}" : "Changes";
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record ProgramsQuery : IQuery<IReadOnlyList<(int Id, string Name)>>;

    public sealed class ProgramsHandler(AppDbContext db) : IQueryHandler<ProgramsQuery, IReadOnlyList<(int Id, string Name)>>
    {
        public async ValueTask<IReadOnlyList<(int Id, string Name)>> Handle(ProgramsQuery query, CancellationToken cancellationToken) =>
            (await db.Programs.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken))
                .Select(p => (p.Id, p.Name)).ToList();
    }

    public sealed record Result(IReadOnlyList<Row> Rows, int Page, int PageCount, int Total, string TimeZoneId);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Who).MaximumLength(256).WithMessage("Search for at most 256 characters of a name or e-mail address.");
            RuleFor(q => q.About).MaximumLength(256).WithMessage("Search for at most 256 characters of a name or e-mail address.");
            RuleFor(q => q.ProgramId).GreaterThan(0).WithMessage("Choose a program from the list.");
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
            var entries = await FilterAsync(db, query, zone, cancellationToken);

            // Entries written before actions were recorded stand alone.
            var actions = entries
                .GroupBy(a => a.ActionKey == "" ? "entry:" + a.Id.ToString() : a.ActionKey)
                .Select(g => new { Key = g.Key, At = g.Max(a => a.AtUtc), Last = g.Max(a => a.Id) });
            var total = await actions.CountAsync(cancellationToken);
            var (page, pageCount) = Paging.Clamp(query.Page, total, PageSize);
            var keys = await actions.OrderByDescending(a => a.At).ThenByDescending(a => a.Last).Page(page, PageSize)
                .Select(a => a.Key).ToListAsync(cancellationToken);
            var found = await entries
                .Where(a => keys.Contains(a.ActionKey == "" ? "entry:" + a.Id.ToString() : a.ActionKey))
                .ToListAsync(cancellationToken);

            var links = await RecordLinksAsync(db, found, cancellationToken);
            var stored = found.ToDictionary(a => a.Id, a => ReadStored(a.Changes));
            var names = await AuditWording.Names.ForAsync(db,
                stored.Values.SelectMany(c => c).SelectMany(c => new[] { (c.Field, c.Before), (c.Field, c.After) }), cancellationToken);
            var rows = found
                .GroupBy(a => a.ActionKey.Length == 0 ? $"entry:{a.Id}" : a.ActionKey)
                .Select(g =>
                {
                    var records = g.OrderBy(a => a.Id).ToList();
                    var first = records[0];
                    return new Row(
                        g.Key, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(records.Max(a => a.AtUtc), DateTimeKind.Utc), zone),
                        first.UserName, first.UserId, first.ActionName,
                        records.Take(RecordsShown).Select(a => new Record(a.Id, a.Action, a.Entity, a.EntityId, links.GetValueOrDefault((a.Entity, a.EntityId)),
                            Describe(a, stored[a.Id], names, zone))).ToList(),
                        records.Count);
                })
                .OrderByDescending(r => r.At).ThenByDescending(r => r.Records.Max(x => x.Id))
                .ToList();
            return new Result(rows, page, pageCount, total, zone.Id);
        }
    }

    /// <summary>The stored changes of an entry, each value still as JSON.</summary>
    public sealed record StoredChange(string Field, JsonElement Before, JsonElement After);

    public static IReadOnlyList<StoredChange> ReadStored(string json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateObject()
                .Select(p => new StoredChange(p.Name, Side(p.Value, "Before"), Side(p.Value, "After")))
                .ToList();
        }
        catch (JsonException)
        {
            return [new StoredChange("(unreadable)", default, JsonSerializer.SerializeToElement(json))];
        }
    }

    private static JsonElement Side(JsonElement change, string side) =>
        change.ValueKind == JsonValueKind.Object && change.TryGetProperty(side, out var value) ? value.Clone() : default;

    /// <summary>The fields of one entry as HR reads them: bookkeeping fields left out, names and values as on the forms.</summary>
    public static IReadOnlyList<Change> Describe(AuditEntry entry, IReadOnlyList<StoredChange> changes, AuditWording.Names names, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(changes);
        var type = AuditWording.RecordTypes.GetValueOrDefault(entry.Entity);
        return changes.Where(c => AuditWording.Shown(c.Field)).Select(c =>
        {
            var before = entry.Action == "Added" ? AuditWording.Value.None : AuditWording.Show(type, c.Field, c.Before, names, zone);
            var after = entry.Action == "Deleted" ? AuditWording.Value.None : AuditWording.Show(type, c.Field, c.After, names, zone);
            return new Change(AuditWording.Field(c.Field), before.Text, after.Text, before.Hint, after.Hint);
        }).ToList();
    }

    public static async Task<TimeZoneInfo> ViewerTimeZoneAsync(AppDbContext db, string userId, CancellationToken cancellationToken)
    {
        var id = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "UTC", out var zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>The entries matching the filters; dates are whole days in the viewer's time zone.</summary>
    public static async Task<IQueryable<AuditEntry>> FilterAsync(AppDbContext db, Query query, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var entries = db.AuditEntries.AsNoTracking();
        if (query.ProgramId is { } programId)
        {
            entries = entries.Where(a => a.ProgramId == programId);
        }

        if (!string.IsNullOrWhiteSpace(query.About))
        {
            entries = await AboutAsync(db, entries, query, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(query.Who))
        {
            var pattern = Contains(query.Who.Trim());
            entries = entries.Where(a => EF.Functions.Like(a.UserName.ToLower(), pattern, LikePattern.Escape)
                || db.Users.Any(u => u.Id == a.UserId && EF.Functions.Like(u.DisplayName.ToLower(), pattern, LikePattern.Escape)));
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
            entries = entries.Where(a => EF.Functions.Like(a.Changes.ToLower(), plain, LikePattern.Escape) || EF.Functions.Like(a.Changes.ToLower(), escaped, LikePattern.Escape));
        }

        return entries;
    }

    /// <summary>Entries by the people matching "about", or about their enrolments, pairs, sessions and invitations.</summary>
    private static async Task<IQueryable<AuditEntry>> AboutAsync(AppDbContext db, IQueryable<AuditEntry> entries, Query query, CancellationToken cancellationToken)
    {
        var pattern = Contains(query.About!.Trim());
        var people = await db.Users.AsNoTracking()
            .Where(u => EF.Functions.Like(u.DisplayName.ToLower(), pattern, LikePattern.Escape) || EF.Functions.Like(u.Email!.ToLower(), pattern, LikePattern.Escape))
            .Select(u => new { u.Id, u.Email }).Take(MaxPeopleAbout + 1).ToListAsync(cancellationToken);
        if (people.Count > MaxPeopleAbout)
        {
            throw RequestValidationException.For(query, nameof(Query.About), TooManyPeopleMessage);
        }

        var ids = people.Select(p => p.Id).ToList();
        var emails = people.Select(p => p.Email).ToList();
        var enrolments = await db.Enrolments.Where(e => ids.Contains(e.UserId)).Select(e => e.Id).ToListAsync(cancellationToken);
        var pairs = await db.Pairs.Where(p => enrolments.Contains(p.MentorEnrolmentId) || enrolments.Contains(p.MenteeEnrolmentId)).Select(p => p.Id).ToListAsync(cancellationToken);
        var sessions = await db.Sessions.Where(s => pairs.Contains(s.PairId!.Value)).Select(s => s.Id).ToListAsync(cancellationToken);
        var invitations = await db.Invitations.Where(i => emails.Contains(i.Email)).Select(i => i.Id).ToListAsync(cancellationToken);
        static List<string> Keys(IEnumerable<int> list) => list.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var (enrolmentKeys, pairKeys, sessionKeys, invitationKeys) = (Keys(enrolments), Keys(pairs), Keys(sessions), Keys(invitations));
        return entries.Where(a => (a.UserId != null && ids.Contains(a.UserId))
            || (a.Entity == nameof(Enrolment) && enrolmentKeys.Contains(a.EntityId))
            || (a.Entity == nameof(Pair) && pairKeys.Contains(a.EntityId))
            || (a.Entity == nameof(Session) && sessionKeys.Contains(a.EntityId))
            || (a.Entity == nameof(Invitation) && invitationKeys.Contains(a.EntityId)));
    }

    private static string Contains(string text) => LikePattern.Containing(text);

    private static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(local) ? TimeZoneInfo.ConvertTimeToUtc(local.AddHours(1), zone) : TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

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

    /// <summary>The columns, the time named in the zone of the person downloading.</summary>
    public static IReadOnlyList<string> HeaderIn(string zoneId) =>
        [$"When ({zoneId})", "Who", "Action", "Change", "Record type", "Record id", "Program", "Field", "Before", "After"];

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Filters).SetValidator(new SearchAudit.Validator());
    }

    public sealed class Handler(AppDbContext db, CurrentUser current) : IQueryHandler<Query, byte[]>
    {
        public async ValueTask<byte[]> Handle(Query query, CancellationToken cancellationToken)
        {
            var zone = await SearchAudit.ViewerTimeZoneAsync(db, current.RequireId(), cancellationToken);
            var entries = await (await SearchAudit.FilterAsync(db, query.Filters, zone, cancellationToken))
                .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
                .Take(MaxEntries)
                .ToListAsync(cancellationToken);
            var stored = entries.ToDictionary(a => a.Id, a => SearchAudit.ReadStored(a.Changes));
            var names = await AuditWording.Names.ForAsync(db,
                stored.Values.SelectMany(c => c).SelectMany(c => new[] { (c.Field, c.Before), (c.Field, c.After) })
                    .Concat(entries.Where(a => a.ProgramId != null).Select(a => ("ProgramId", JsonSerializer.SerializeToElement(a.ProgramId!.Value)))),
                cancellationToken);
            return await CsvExport.WriteAsync(HeaderIn(zone.Id), Lines(entries, stored, names, zone), cancellationToken);
        }

        private static IEnumerable<IReadOnlyList<string>> Lines(
            IReadOnlyList<AuditEntry> entries, Dictionary<long, IReadOnlyList<SearchAudit.StoredChange>> stored, AuditWording.Names names, TimeZoneInfo zone)
        {
            foreach (var entry in entries)
            {
                var when = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(entry.AtUtc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var program = entry.ProgramId is { } id ? names.Programs.GetValueOrDefault(id, "") : "";
                var changes = SearchAudit.Describe(entry, stored[entry.Id], names, zone);
                IReadOnlyList<string> Line(string field, string before, string after) =>
                    [when, entry.UserName, entry.ActionName, entry.Action, AuditWording.Record(entry.Entity), entry.EntityId, program, field, before, after];
                if (changes.Count == 0)
                {
                    yield return Line("", "", "");
                }

                foreach (var change in changes)
                {
                    yield return Line(change.Field, change.Before, change.After);
                }
            }
        }
    }
}
