using Microsoft.AspNetCore.Authorization;
using System.Globalization;
using System.Text;
using CsvHelper;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.CheckIns;
using ReverseMentoring.Web.Features.Emails;
using ReverseMentoring.Web.Features.Enrolments;
using ReverseMentoring.Web.Features.Pairing;
using ReverseMentoring.Web.Features.Pairs;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Features.Sessions;
using ReverseMentoring.Web.Infrastructure;
using ReverseMentoring.Web.Features.Programs;

namespace ReverseMentoring.Web.Features.Invitations;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class InviteParticipantsModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public int ProgramId { get; set; }

    [BindProperty]
    public InviteParticipants.Command Data { get; set; } = new();

    public ListInvitations.Result List { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    /// <summary>What the last bulk resend did, row by row.</summary>
    [TempData]
    public string? BulkReport { get; set; }

    /// <summary>Why a bulk resend could not start (nothing chosen, too many); shown by its button.</summary>
    [TempData]
    public string? BulkProblem { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken) =>
        List = await mediator.Send(new ListInvitations.Query(ProgramId, page ?? 1), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.ProgramId = ProgramId;
        var result = await mediator.Send(Data, cancellationToken);
        Message = result.Invited == 1 ? "1 person invited." : $"{result.Invited} people invited.";
        return RedirectToPage(new { programId = ProgramId });
    }

    public async Task<IActionResult> OnPostResendAsync(int id, CancellationToken cancellationToken)
    {
        var resent = await mediator.Send(new ResendInvitation.Command(ProgramId, id), cancellationToken);
        Message = $"The invitation to {resent.Email} was sent again; it now works until {resent.ExpiresAtUtc.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} (UTC).";
        return RedirectToPage(new { programId = ProgramId });
    }

    // A form sent back with errors still shows the list beneath it.
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        List ??= await mediator.Send(new ListInvitations.Query(ProgramId, 1), cancellationToken);
}

/// <summary>HR invites people to a program by e-mail, pasted or from a CSV file; a list with any wrong row invites nobody.</summary>
public static class InviteParticipants
{
    public const int MaxPeople = 500;
    public const int MaxCsvBytes = 1024 * 1024;

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand<Result>
    {
        public int ProgramId { get; set; }

        /// <summary>One e-mail per line, or "e-mail,role".</summary>
        public string? Emails { get; set; }

        /// <summary>The role of anyone whose line or row names none.</summary>
        public string DefaultRole { get; set; } = Roles.Mentor;

        /// <summary>A CSV file with a header row and the columns email,role.</summary>
        public IFormFile? Csv { get; set; }

        /// <summary>The coordinator's own words for the people invited, in the invitation and its reminders.</summary>
        public string? Message { get; set; }
    }

    public sealed record Result(int Invited);

    /// <summary>One person of the list, with the line it came from for error messages.</summary>
    public sealed record Line(int Number, string Email, string? Role);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DefaultRole)
                .Must(role => role is Roles.Mentor or Roles.Mentee)
                .WithMessage("Choose the role of the people invited: Mentor or Mentee.");

            RuleFor(c => c.Emails)
                .Must((command, emails) => !string.IsNullOrWhiteSpace(emails) || command.Csv is { Length: > 0 })
                .WithMessage("Paste at least one e-mail address, or upload a CSV file.");

            RuleFor(c => c.Message)
                .MaximumLength(Invitation.CoordinatorMessageMaxLength)
                .WithMessage($"A message has at most {Invitation.CoordinatorMessageMaxLength} characters.");

            RuleFor(c => c.Csv)
                .Must((command, csv) => csv is null || string.IsNullOrWhiteSpace(command.Emails))
                .WithMessage("Paste e-mail addresses or upload a CSV file, not both.")
                .Must(csv => csv is null || csv.Length <= MaxCsvBytes)
                .WithMessage("The CSV file is larger than 1 MB. Split it into smaller files.");
        }
    }

    public sealed class Handler(
        AppDbContext db, CurrentUser current, Outbox outbox, PublicLinks links, IOptions<InvitationOptions> options, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.ProgramId, cancellationToken)
                ?? throw new NotFoundException();
            if (ResendInvitation.Refusal(program) is { } refusal)
            {
                throw RequestValidationException.For(command, "", refusal);
            }

            var field = command.Csv is not null ? nameof(Command.Csv) : nameof(Command.Emails);
            var (lines, readErrors) = command.Csv is not null ? await ReadCsvAsync(command.Csv, cancellationToken) : (ReadText(command.Emails ?? ""), []);
            var errors = readErrors.Count > 0 ? readErrors : await CheckAsync(lines, command, clock.GetUtcNow().UtcDateTime, cancellationToken);
            if (errors.Count > 0)
            {
                throw new RequestValidationException(command, errors.Select(e => new ValidationFailure(field, e)).ToList());
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var invitedBy = current.RequireId();
            var invitations = lines.Select(line => new Invitation
            {
                Email = line.Email,
                Role = CanonicalRole(line.Role) ?? command.DefaultRole,
                ProgramId = program.Id,
                InvitedAtUtc = now,
                ExpiresAtUtc = now.AddDays(options.Value.ValidDays),
                InvitedByUserId = invitedBy,
                CoordinatorMessage = string.IsNullOrWhiteSpace(command.Message) ? null : command.Message.Trim(),
            }).ToList();
            db.Invitations.AddRange(invitations);
            await db.SaveChangesAsync(cancellationToken);

            // The keys name the invitations, so they are queued once the invitations have their ids; sent after commit.
            var wording = await ProgramEmails.WordingAsync(db, program.Id, EmailKind.Invitation, cancellationToken);
            var coordinator = await InvitationMail.CoordinatorNameAsync(db, invitedBy, cancellationToken);
            await outbox.QueueAsync(invitations.Select(i => InvitationMail.First(links, i, program, wording, coordinator)).ToList(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(invitations.Count);
        }

        private async Task<List<string>> CheckAsync(IReadOnlyList<Line> lines, Command command, DateTime now, CancellationToken cancellationToken)
        {
            if (lines.Count == 0)
            {
                return ["The list has no e-mail addresses. Put one e-mail address on each line."];
            }

            if (lines.Count > MaxPeople)
            {
                return [$"The list has {lines.Count} people; invite at most {MaxPeople} at a time. Split the list and send each part."];
            }

            var errors = new List<string>();
            var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines)
            {
                if (line.Email.Length == 0)
                {
                    errors.Add($"Line {line.Number}: the e-mail address is missing.");
                }
                else if (line.Email.Length > Invitation.EmailMaxLength)
                {
                    errors.Add($"Line {line.Number}: the e-mail address is longer than {Invitation.EmailMaxLength} characters.");
                }
                else if (!DeliverableAddress.IsValid(line.Email))
                {
                    errors.Add($"Line {line.Number}: '{line.Email}' is not an e-mail address.");
                }
                else if (firstLine.TryGetValue(line.Email, out var first))
                {
                    errors.Add($"Line {line.Number}: {line.Email} is on line {first} already. List each person once.");
                }
                else
                {
                    firstLine[line.Email] = line.Number;
                }

                if (!string.IsNullOrWhiteSpace(line.Role) && CanonicalRole(line.Role) is null)
                {
                    errors.Add($"Line {line.Number}: '{line.Role}' is not a role. Write Mentor or Mentee, or leave it out to use the role chosen below.");
                }
            }

            var emails = firstLine.Keys.Select(e => e.ToLowerInvariant()).ToList();
            var open = await db.Invitations.AsNoTracking()
                .Where(i => i.ProgramId == command.ProgramId && emails.Contains(i.Email.ToLower()) && (i.AcceptedAtUtc != null || i.ExpiresAtUtc > now))
                .Select(i => new { i.Email, i.AcceptedAtUtc, i.ExpiresAtUtc })
                .ToListAsync(cancellationToken);
            foreach (var existing in open.GroupBy(i => i.Email, StringComparer.OrdinalIgnoreCase))
            {
                var number = firstLine[existing.Key];
                var accepted = existing.FirstOrDefault(i => i.AcceptedAtUtc is not null);
                errors.Add(accepted is not null
                    ? $"Line {number}: {existing.Key} has accepted an invitation to this program already."
                    : $"Line {number}: {existing.Key} is invited to this program already, until {existing.Max(i => i.ExpiresAtUtc).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}. Resend that invitation instead.");
            }

            return errors.OrderBy(LineNumberOf).ToList();
        }

        private static int LineNumberOf(string error) =>
            error.StartsWith("Line ", StringComparison.Ordinal) && int.TryParse(error.AsSpan(5, error.IndexOf(':', StringComparison.Ordinal) - 5), CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    public static string? CanonicalRole(string? role) => role?.Trim().ToUpperInvariant() switch
    {
        "MENTOR" => Roles.Mentor,
        "MENTEE" => Roles.Mentee,
        _ => null,
    };

    /// <summary>Pasted text: one person per line, "e-mail" or "e-mail,role"; blank lines are skipped but counted.</summary>
    public static IReadOnlyList<Line> ReadText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<Line>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',', StringSplitOptions.TrimEntries);
            lines.Add(parts.Length switch
            {
                1 => new Line(number, parts[0], null),
                2 => new Line(number, parts[0], parts[1]),
                _ => new Line(number, line, null),
            });
        }

        return lines;
    }

    /// <summary>A CSV file with a header row naming at least the email column; role is optional.</summary>
    public static async Task<(IReadOnlyList<Line> Lines, List<string> Errors)> ReadCsvAsync(IFormFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var lines = new List<Line>();
        try
        {
            using var text = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            await using var csv = CsvReader.Create(text, new CsvReaderOptions { TrackLineNumbers = true, TrimWhitespace = true, MaxRecordSize = 64 * 1024 });
            await csv.ReadHeaderAsync(cancellationToken);
            if (!csv.TryGetFieldIndex("email", out var emailColumn))
            {
                return ([], ["Line 1: the CSV file needs a header row with the columns email,role."]);
            }

            var roleColumn = csv.TryGetFieldIndex("role", out var found) ? found : -1;
            while (await csv.ReadAsync(cancellationToken))
            {
                var email = emailColumn < csv.FieldCount ? csv.GetString(emailColumn).Trim() : "";
                var role = roleColumn >= 0 && roleColumn < csv.FieldCount ? csv.GetString(roleColumn) : null;
                lines.Add(new Line((int)csv.LineNumber, email, role));

                // Enough to report "too many" without reading a huge file to its end.
                if (lines.Count > MaxPeople * 4)
                {
                    break;
                }
            }
        }
        catch (Exception unreadable) when (unreadable is CsvFormatException or DecoderFallbackException)
        {
            return ([], ["The file could not be read as CSV text. Save it from your spreadsheet as \"CSV UTF-8\" and upload it again."]);
        }

        return (lines, []);
    }
}
