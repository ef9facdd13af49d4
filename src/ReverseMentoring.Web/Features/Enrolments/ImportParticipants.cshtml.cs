using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Features.Invitations;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Enrolments;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ImportParticipantsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    /// <summary>2,000 rows of generous profiles fit well within this.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    [FromRoute]
    public int ProgramId { get; set; }

    public ImportParticipants.Command Data { get; private set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public string ProgramName { get; private set; } = "";

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        ProgramName = await mediator.Send(new ImportParticipants.ProgramQuery(ProgramId), cancellationToken);

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken cancellationToken) =>
        CsvExport.File(await CsvExport.WriteAsync(ImportParticipants.TemplateHeader, [ImportParticipants.TemplateExample], cancellationToken), "participants.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var csv = "";
        if (Upload is { Length: > MaxFileBytes })
        {
            ModelState.AddModelError("Data.Csv", "The file is larger than 5 MB. Split it into smaller files.");
            await ReloadAsync(cancellationToken);
            return Page400();
        }

        if (Upload is { Length: > 0 })
        {
            using var reader = new StreamReader(Upload.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            csv = await reader.ReadToEndAsync(cancellationToken);
        }

        Data = new ImportParticipants.Command { ProgramId = ProgramId, Csv = csv };
        var result = await mediator.Send(Data, cancellationToken);
        Message = result.Summary;
        return LocalRedirect($"/Programs/{ProgramId}/Enrolments");
    }

    private static PageResult Page400() => new() { StatusCode = StatusCodes.Status400BadRequest };

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        if (ProgramName.Length == 0)
        {
            ProgramName = await mediator.Send(new ImportParticipants.ProgramQuery(ProgramId), cancellationToken);
        }
    }
}

/// <summary>
/// HR enrols many participants at once from a CSV file: every row is checked first, and either all of them are
/// imported, approved, with accounts made for people who have none, or nothing is.
/// </summary>
public static partial class ImportParticipants
{
    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record ProgramQuery(int ProgramId) : IQuery<string>;

    public sealed class ProgramHandler(AppDbContext db) : IQueryHandler<ProgramQuery, string>
    {
        public async ValueTask<string> Handle(ProgramQuery query, CancellationToken cancellationToken) =>
            await db.Programs.AsNoTracking().Where(p => p.Id == query.ProgramId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException();
    }

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<Result>
    {
        public int ProgramId { get; set; }

        /// <summary>The file's text, header first.</summary>
        public string Csv { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Csv)
                .NotEmpty().WithMessage("Choose a CSV file to upload. Its first line names the columns; download the template to start from.");
    }

    public sealed class Handler(
        AppDbContext db, UserManager<AppUser> users, CurrentUser current, TimeProvider clock,
        Outbox outbox, PublicLinks links, IOptions<InvitationOptions> invitationOptions)
        : ICommandHandler<Command, Result>
    {
        private static readonly EnrolmentProfileValidator Profile = new();

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (program.ArchivedAtUtc is not null || program.Status == ProgramStatus.Closed)
            {
                throw RequestValidationException.For(command, nameof(Command.Csv),
                    $"This program is {(program.ArchivedAtUtc is not null ? "archived" : "closed")} and takes no more participants.");
            }

            var skills = await db.Skills.AsNoTracking().Where(s => !s.IsRetired).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);
            var enrolled = (await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgramId == program.Id)
                .Select(e => e.User!.Email!)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var errors = new List<string>();
            var rows = Read(command.Csv, skills.ToDictionary(s => s.Name, s => s.Id, StringComparer.OrdinalIgnoreCase), enrolled, errors);
            if (errors.Count > 0)
            {
                throw Invalid(command, errors);
            }

            var emails = rows.Select(r => users.NormalizeEmail(r.Email)).ToList();
            var existing = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!))
                .ToDictionaryAsync(u => u.NormalizedEmail!, cancellationToken);
            // Each profile is checked as the enrol form checks it, with the row's own e-mail as the person's; a time zone
            // left empty is the account's, or UTC for an account about to be made.
            var facts = new EnrolmentProfileFacts(program.Formats, skills.ToDictionary(s => s.Id, s => s.Name), OwnEmail: null);
            var chart = await OrgChartSync.PlacementsAsync(db, rows.Select(r => r.Email), cancellationToken);
            foreach (var row in rows)
            {
                // Where the org chart has the person, their place comes from it, not from the file.
                if (row.Profile is not null && chart.TryGetValue(OrgChartEntry.Normalize(row.Email), out var placement))
                {
                    EnrolInProgram.FromOrgChart(row.Profile, placement);
                }

                if (row.Profile is { TimeZoneId: null } profile)
                {
                    profile.TimeZoneId = existing.TryGetValue(users.NormalizeEmail(row.Email), out var user) ? user.TimeZoneId : "UTC";
                }

                var refused = row.Profile is null ? [] : Profile.Validate(row.Profile, facts with { OwnEmail = row.Email }).Errors;
                errors.AddRange(Report(row, refused));
            }

            if (errors.Count > 0)
            {
                throw Invalid(command, errors);
            }

            var roleIds = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Mentor || r.Name == Roles.Mentee)
                .ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
            var existingIds = existing.Values.Select(u => u.Id).ToList();
            var held = (await db.UserRoles.AsNoTracking().Where(ur => existingIds.Contains(ur.UserId))
                .Select(ur => new { ur.UserId, ur.RoleId }).ToListAsync(cancellationToken))
                .Select(ur => (ur.UserId, ur.RoleId)).ToHashSet();
            var now = clock.GetUtcNow().UtcDateTime;
            var hr = current.RequireId();

            // Accounts, roles and enrolments are added to the context and saved once: the Identity store would save
            // after every call, and each save re-scans everything tracked so far (quadratic over 2,000 rows).
            var newAccounts = new List<(AppUser User, string Role)>();
            foreach (var row in rows)
            {
                if (Add(row, program.Id, existing, roleIds, held, now, hr) is { } made)
                {
                    newAccounts.Add(made);
                }
            }

            // New accounts have no password: each gets an invitation by e-mail, whose link lets them set one.
            var invitations = newAccounts.Select(a => new Invitation
            {
                Email = a.User.Email!,
                Role = a.Role,
                ProgramId = program.Id,
                InvitedAtUtc = now,
                ExpiresAtUtc = now.AddDays(invitationOptions.Value.ValidDays),
                InvitedByUserId = hr,
            }).ToList();
            db.Invitations.AddRange(invitations);
            await db.SaveChangesAsync(cancellationToken);

            // Thousands of tracked rows would make every later save re-scan them all. The invitations' e-mails are
            // queued in the same transaction, and sent once it commits.
            db.ChangeTracker.Clear();
            var wording = await ProgramEmails.WordingAsync(db, program.Id, EmailKind.Invitation, cancellationToken);
            var coordinator = await InvitationMail.CoordinatorNameAsync(db, hr, cancellationToken);
            await outbox.QueueAsync(invitations.Select(i => InvitationMail.First(links, i, program, wording, coordinator)).ToList(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            return new Result(rows.Count, newAccounts.Count);
        }

        /// <summary>Enrols one row's person, approved; returns the account when it had to be made.</summary>
        private (AppUser User, string Role)? Add(Row row, int programId, Dictionary<string, AppUser> existing,
            Dictionary<string, string> roleIds, HashSet<(string UserId, string RoleId)> held, DateTime now, string hr)
        {
            var profile = row.Profile!;
            var role = profile.Role == ParticipantRole.Mentor ? Roles.Mentor : Roles.Mentee;
            (AppUser, string)? created = null;
            if (!existing.TryGetValue(users.NormalizeEmail(row.Email), out var user))
            {
                // What UserManager.CreateAsync would set, without its save per account. The e-mail was checked per row.
                user = new AppUser
                {
                    UserName = row.Email,
                    NormalizedUserName = users.NormalizeName(row.Email),
                    Email = row.Email,
                    NormalizedEmail = users.NormalizeEmail(row.Email),
                    EmailConfirmed = false,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    DisplayName = row.Name,
                    TimeZoneId = profile.TimeZoneId!,
                    CreatedAtUtc = now,
                };
                db.Users.Add(user);
                existing[user.NormalizedEmail] = user;
                created = (user, role);
            }

            if (held.Add((user.Id, roleIds[role])))
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
            }

            var direction = profile.Role == ParticipantRole.Mentor ? SkillDirection.Teach : SkillDirection.Learn;
            db.Enrolments.Add(new Enrolment
            {
                ProgramId = programId,
                UserId = user.Id,
                Role = profile.Role!.Value,
                Status = EnrolmentStatus.Approved,
                Department = profile.Department!,
                JobLevel = profile.JobLevel!,
                ManagerEmail = profile.ManagerEmail,
                Location = profile.Location!,
                TimeZoneId = profile.TimeZoneId!,
                Formats = EnrolmentRules.Combine(profile.Formats),
                Interests = profile.Interests ?? "",
                Goals = profile.Goals!,
                ConsentedAtUtc = now,
                DecidedByUserId = hr,
                DecidedAtUtc = now,
                CreatedAtUtc = now,
                Skills = profile.FilledSkills.Select(s => new EnrolmentSkill { SkillId = s.SkillId!.Value, Level = s.Level!.Value, Direction = direction }).ToList(),
                Availability = profile.FilledSlots.Select(s => new AvailabilitySlot { Day = s.Day!.Value, Starts = s.From!.Value, Ends = s.To!.Value }).ToList(),
                History =
                [
                    new EnrolmentHistory
                    {
                        AtUtc = now,
                        ByUserId = hr,
                        Event = "Imported by HR",
                        Detail = $"Imported and approved by HR from a CSV file (row {row.Number}). Consent to the program's terms was collected by HR.",
                    },
                ],
            });

            return created;
        }
    }
}
