using Microsoft.AspNetCore.Authorization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Data;
using ReverseMentoring.Web.Features.Resources;
using ReverseMentoring.Web.Infrastructure;

namespace ReverseMentoring.Web.Features.Privacy;

[Authorize(Policy = PagePolicies.Coordinators)]
public sealed class ErasePersonModel(IMediator mediator) : PageModel, IReloadAfterRejection
{
    [FromRoute]
    public string UserId { get; set; } = "";

    public ErasePerson.Person Person { get; private set; } = null!;

    [BindProperty]
    public ErasePerson.Command Data { get; set; } = new();

    public bool Erased { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "erased")] bool erased, CancellationToken cancellationToken)
    {
        Person = await mediator.Send(new ErasePerson.Query(UserId), cancellationToken);
        Erased = erased && Person.ErasedAtUtc is not null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Data.UserId = UserId;
        await mediator.Send(Data, cancellationToken);
        return LocalRedirect($"/People/Erase/{Uri.EscapeDataString(UserId)}?erased=true");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Person ??= await mediator.Send(new ErasePerson.Query(UserId), cancellationToken);
}

/// <summary>
/// HR erases a person: their personal data is replaced or removed everywhere, including old audit entries, and
/// they can no longer sign in. What the program's figures are made of stays: enrolments with their department and job
/// level, pairs, sessions and their statuses, ratings. So counts by department, average ratings and held sessions do
/// not change. The pair's shared session notes and the places of its sessions are cleared too, so the other side
/// loses them.
/// </summary>
public static class ErasePerson
{
    public const string Erased = "(erased)";

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed record Query(string UserId) : IQuery<Person>;

    public sealed record Person(string Id, string DisplayName, string? Email, IReadOnlyList<string> Roles, int Enrolments, int Pairs, DateTime? ErasedAtUtc);

    [AllowedRoles(Roles.HrCoordinator)]
    public sealed class Command : ICommand
    {
        public string UserId { get; set; } = "";

        /// <summary>The person's e-mail address, typed by HR to confirm they erase the right person.</summary>
        public string ConfirmEmail { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.ConfirmEmail).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Type the person's e-mail address to confirm the erasure.")
                .MaximumLength(Invitation.EmailMaxLength).WithMessage("An e-mail address has at most 256 characters.");
    }

    public sealed class QueryHandler(AppDbContext db) : IQueryHandler<Query, Person>
    {
        public async ValueTask<Person> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UserId, cancellationToken)
                ?? throw new NotFoundException();
            var roles = await RolesOfAsync(db, user.Id, cancellationToken);
            var enrolmentIds = await db.Enrolments.Where(e => e.UserId == user.Id).Select(e => e.Id).ToListAsync(cancellationToken);
            var pairs = await db.Pairs.OfParticipant(user.Id).CountAsync(cancellationToken);
            return new Person(user.Id, user.DisplayName, user.Email, roles, enrolmentIds.Count, pairs, user.ErasedAtUtc);
        }
    }

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, CurrentUser current, ResourceFiles files, TimeProvider clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == command.UserId, cancellationToken) ?? throw new NotFoundException();
            await CheckAsync(command, user, cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            var oldEmail = user.Email ?? "";
            var oldName = user.DisplayName;
            var newEmail = $"erased-{Guid.NewGuid():N}@erased.invalid";

            AnonymiseAccount(user, newEmail, now);
            await db.UserClaims.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.UserLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.UserTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.CalendarFeeds.Where(f => f.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);

            // The directory's resource holds the person's names: it goes, and the directory finds them no more.
            await db.ProvisionedAccounts.Where(a => a.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);

            var enrolments = await db.Enrolments.Include(e => e.Availability).Include(e => e.History)
                .Where(e => e.UserId == user.Id).ToListAsync(cancellationToken);
            foreach (var enrolment in enrolments)
            {
                // Department and job level stay: the program's figures are counted by them, and alone they name nobody.
                enrolment.Interests = "";
                enrolment.Goals = "";
                enrolment.Location = "";
                enrolment.ManagerEmail = null;
                enrolment.EraseDecisionReason();
                enrolment.Availability.Clear();
                foreach (var history in enrolment.History)
                {
                    history.Detail = "";
                }
            }

            // LIKE without wildcards: an address matches whatever its letters' case.
            var sameEmail = LikePattern.Exactly(oldEmail);

            // Others' reporting line still points at the same (now anonymous) person, so the pairing rule holds.
            foreach (var reporting in await db.Enrolments.Where(e => e.ManagerEmail != null && EF.Functions.Like(e.ManagerEmail.ToLower(), sameEmail, LikePattern.Escape)).ToListAsync(cancellationToken))
            {
                reporting.ManagerEmail = newEmail;
            }

            var enrolmentIds = enrolments.Select(e => e.Id).ToList();
            var pairs = await db.Pairs.OfParticipant(user.Id).ToListAsync(cancellationToken);
            var pairIds = pairs.Select(p => p.Id).ToList();
            var changedPairs = new List<int>();
            foreach (var pair in pairs)
            {
                var declinedByThem = (enrolmentIds.Contains(pair.MentorEnrolmentId) && pair.MentorResponse == PairResponse.Declined)
                    || (enrolmentIds.Contains(pair.MenteeEnrolmentId) && pair.MenteeResponse == PairResponse.Declined);
                if (declinedByThem && pair.DeclineReason is not null)
                {
                    pair.EraseDeclineReason();
                    changedPairs.Add(pair.Id);
                }

                if (pair.EndedByUserId == user.Id && pair.EndReason is not null)
                {
                    pair.EraseEndReason();
                    changedPairs.Add(pair.Id);
                }
            }

            // A mentor's own words declining a mentee's request go too; that it was declined stays.
            foreach (var request in await db.MentorRequests
                         .Where(r => enrolmentIds.Contains(r.MentorEnrolmentId) && r.DeclineReason != null && r.DeclineReason != MentorRequest.MentorUnavailableReason)
                         .ToListAsync(cancellationToken))
            {
                request.EraseDeclineReason();
            }

            var sessions = await db.Sessions
                .Where(s => pairIds.Contains(s.PairId!.Value) || (s.GroupId != null && enrolmentIds.Contains(s.Group!.MentorEnrolmentId)))
                .ToListAsync(cancellationToken);
            var sessionsWithReason = new List<int>();
            foreach (var session in sessions)
            {
                // Either side may have typed the place or meeting link (a phone number, a desk, an address): it goes
                // with the notes, like the pair's shared notes.
                session.EraseNotesAndPlace();
                if (session.CancelledByUserId == user.Id && session.CancelReason is not null)
                {
                    session.EraseCancelReason();
                    sessionsWithReason.Add(session.Id);
                }
            }

            // The private journal goes whole; goals are the person's words, and go with what was recorded on them.
            await db.JournalEntries.Where(j => j.AuthorUserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            var goals = db.PairGoals.Where(g => g.OwnerUserId == user.Id).Select(g => g.Id);
            await db.ProgressOnGoals.Where(p => goals.Contains(p.GoalId) || p.ByUserId == user.Id).ExecuteDeleteAsync(cancellationToken);
            await db.PairGoals.Where(g => g.OwnerUserId == user.Id).ExecuteDeleteAsync(cancellationToken);

            // What they wrote they want to learn and teach leaves every version of their agreements; the signatures stay.
            foreach (var agreement in await db.PairAgreements.Include(a => a.Versions).Where(a => pairIds.Contains(a.PairId)).ToListAsync(cancellationToken))
            {
                var pair = pairs.Single(p => p.Id == agreement.PairId);
                agreement.EraseSide(enrolmentIds.Contains(pair.MentorEnrolmentId) ? ParticipantRole.Mentor : ParticipantRole.Mentee);
            }

            // The messages of their pairs go whole, the partner's too: the partner's half answers and quotes the person.
            // Their reports go with them; what the person told HR in a concern loses its words but not that it was raised.
            var messageFiles = await db.PairMessages.Where(m => pairIds.Contains(m.PairId) && m.AttachmentStoredName != null)
                .Select(m => m.AttachmentStoredName!).ToListAsync(cancellationToken);
            await db.MessageReports.Where(r => pairIds.Contains(r.PairId)).ExecuteDeleteAsync(cancellationToken);
            await db.PairMessages.Where(m => pairIds.Contains(m.PairId) && m.ReplyToId != null).ExecuteDeleteAsync(cancellationToken);
            await db.PairMessages.Where(m => pairIds.Contains(m.PairId)).ExecuteDeleteAsync(cancellationToken);

            // Group threads are treated as pair threads: the others' messages answer and quote the person, so each thread
            // of a group they led or belonged to goes whole.
            var groupIds = db.MentoringGroups
                .Where(g => enrolmentIds.Contains(g.MentorEnrolmentId) || g.Members.Any(m => pairIds.Contains(m.PairId)))
                .Select(g => g.Id);
            await db.GroupMessages.Where(m => groupIds.Contains(m.GroupId)).ExecuteDeleteAsync(cancellationToken);
            await db.Concerns.Where(c => c.RaisedByUserId == user.Id && c.Text != "")
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Text, ""), cancellationToken);

            // Ratings stay, so average ratings do not move; only the words go.
            await db.SessionFeedback.Where(f => f.ByUserId == user.Id && f.Comment != "")
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Comment, ""), cancellationToken);
            var checkIns = db.CheckIns.Where(c => c.UserId == user.Id).Select(c => c.Id);
            var traitComments = await db.LeadershipTraitRatings
                .Where(r => (enrolmentIds.Contains(r.MenteeEnrolmentId) || enrolmentIds.Contains(r.MentorEnrolmentId)) && r.Comment != null)
                .Select(r => r.Id).ToListAsync(cancellationToken);
            await db.LeadershipTraitRatings.Where(r => traitComments.Contains(r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Comment, (string?)null), cancellationToken);
            await db.CheckInAnswers.Where(a => checkIns.Contains(a.CheckInId) && a.Text != null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Text, (string?)null), cancellationToken);

            var invitations = await db.Invitations.Where(i => EF.Functions.Like(i.Email.ToLower(), sameEmail, LikePattern.Escape)).ToListAsync(cancellationToken);
            foreach (var invitation in invitations)
            {
                invitation.Email = newEmail;
            }

            // Nothing still waiting goes to them now, and no message to them keeps its body or a server's error (which
            // may quote the address); the keys stay, so none is queued again.
            await db.OutboxMessages.Where(m => EF.Functions.Like(m.Recipient.ToLower(), sameEmail, LikePattern.Escape))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Recipient, newEmail)
                    .SetProperty(m => m.Text, "")
                    .SetProperty(m => m.AttachmentContent, (string?)null)
                    .SetProperty(m => m.FailedAtUtc, m => m.SentAtUtc == null && m.FailedAtUtc == null ? now : m.FailedAtUtc)
                    .SetProperty(m => m.LastError, m => m.SentAtUtc == null ? "Not sent: the recipient was erased." : null), cancellationToken);

            // Subjects of the partner's e-mails name the person ("How was your session with ...?").
            if (oldName.Length > 0)
            {
                await db.OutboxMessages.Where(n => n.Subject.Contains(oldName))
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.Subject, n => n.Subject.Replace(oldName, Erased)), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);

            // After the save, so the entries just written for this erasure (with the old values as "before") are redacted too.
            await db.AuditEntries.Where(a => a.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, newEmail), cancellationToken);
            await RedactAuditAsync(nameof(Enrolment), enrolmentIds,
                [nameof(Enrolment.Interests), nameof(Enrolment.Goals), nameof(Enrolment.Location), nameof(Enrolment.ManagerEmail), nameof(Enrolment.DecisionReason)],
                cancellationToken);
            await RedactAuditAsync(nameof(Invitation), invitations.Select(i => i.Id).ToList(), [nameof(Invitation.Email)], cancellationToken);
            await RedactAuditAsync(nameof(Pair), changedPairs, [nameof(Pair.DeclineReason), nameof(Pair.EndReason)], cancellationToken);
            await RedactAuditAsync(nameof(Session), sessionsWithReason, [nameof(Session.CancelReason)], cancellationToken);
            await RedactAuditAsync(nameof(Session), sessions.Select(s => s.Id).ToList(), [nameof(Session.Location)], cancellationToken);
            await RedactAuditAsync(nameof(LeadershipTraitRating), traitComments, [nameof(LeadershipTraitRating.Comment)], cancellationToken);
            await RedactEmailAsync(oldEmail, cancellationToken);

            // Last, once nothing else can fail: a file is gone for good, and its row is deleted in this transaction.
            foreach (var stored in messageFiles)
            {
                files.Delete(stored);
            }

            return Unit.Value;
        }

        private async Task CheckAsync(Command command, AppUser user, CancellationToken cancellationToken)
        {
            if (user.ErasedAtUtc is not null)
            {
                throw RequestValidationException.For(command, "", "This person's data was erased already.");
            }

            if (!string.Equals(command.ConfirmEmail.Trim(), user.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw RequestValidationException.For(command, nameof(Command.ConfirmEmail),
                    "That is not this person's e-mail address. Type it exactly as shown above; nothing was erased.");
            }

            if (user.Id == current.RequireId())
            {
                throw RequestValidationException.For(command, "", "You cannot erase yourself. Ask another HR coordinator to do it.");
            }

            if ((await RolesOfAsync(db, user.Id, cancellationToken)).Contains(Roles.HrCoordinator))
            {
                var others = await users.GetUsersInRoleAsync(Roles.HrCoordinator);
                if (!others.Any(o => o.Id != user.Id && o.ErasedAtUtc is null))
                {
                    throw RequestValidationException.For(command, "",
                        "This is the only HR coordinator. Give someone else the HR coordinator role first, so the programs keep a coordinator.");
                }
            }
        }

        private void AnonymiseAccount(AppUser user, string newEmail, DateTime now)
        {
            user.DisplayName = $"Erased person #{user.Id[..Math.Min(8, user.Id.Length)]}";
            user.Email = newEmail;
            user.UserName = newEmail;
            user.NormalizedEmail = users.NormalizeEmail(newEmail);
            user.NormalizedUserName = users.NormalizeName(newEmail);
            user.EmailConfirmed = false;
            user.PhoneNumber = null;
            user.PhoneNumberConfirmed = false;
            user.TwoFactorEnabled = false;
            user.PasswordHash = null;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.MaxValue;
            user.AccessFailedCount = 0;
            user.ErasedAtUtc = now;
        }

        /// <summary>Replaces the before and after values of the given properties in every audit entry of the records.</summary>
        private async Task RedactAuditAsync(string entity, List<int> ids, IReadOnlyList<string> properties, CancellationToken cancellationToken)
        {
            if (ids.Count == 0)
            {
                return;
            }

            var keys = ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            foreach (var chunk in keys.Chunk(500))
            {
                var entries = await db.AuditEntries.Where(a => a.Entity == entity && chunk.Contains(a.EntityId)).ToListAsync(cancellationToken);
                foreach (var entry in entries)
                {
                    entry.Changes = Redact(entry.Changes, properties);
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }

        /// <summary>The address can appear in other records' entries too (someone's manager): replaced wherever it is.</summary>
        private async Task RedactEmailAsync(string email, CancellationToken cancellationToken)
        {
            if (email.Length == 0)
            {
                return;
            }

            var escaped = JsonSerializer.Serialize(email)[1..^1];
            var entries = await db.AuditEntries
                .Where(a => EF.Functions.Like(a.Changes.ToLower(), LikePattern.Containing(email), LikePattern.Escape)
                    || EF.Functions.Like(a.Changes.ToLower(), LikePattern.Containing(escaped), LikePattern.Escape))
                .ToListAsync(cancellationToken);
            foreach (var entry in entries)
            {
                entry.Changes = entry.Changes.Replace(escaped, Erased, StringComparison.OrdinalIgnoreCase).Replace(email, Erased, StringComparison.OrdinalIgnoreCase);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public static string Redact(string changes, IReadOnlyList<string> properties)
    {
        if (string.IsNullOrEmpty(changes) || JsonNode.Parse(changes) is not JsonObject root)
        {
            return changes;
        }

        foreach (var property in properties)
        {
            if (root[property] is JsonObject values)
            {
                foreach (var side in new[] { "Before", "After" })
                {
                    if (values[side] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0)
                    {
                        values[side] = Erased;
                    }
                }
            }
        }

        return root.ToJsonString();
    }

    private static async Task<IReadOnlyList<string>> RolesOfAsync(AppDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(n => n).ToListAsync(cancellationToken);
}
