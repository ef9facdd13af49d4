using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReverseMentoring.Web.Features.Dashboard.Facts;

namespace ReverseMentoring.Web.Data;

/// <summary>
/// The application's database. Each provider has a subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="SqlServerAppDbContext"/>, <see cref="PostgreSqlAppDbContext"/>) only so that each keeps its own migrations; handlers use this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<MentoringProgram> Programs => Set<MentoringProgram>();
    public DbSet<ProgramCoordinator> ProgramCoordinators => Set<ProgramCoordinator>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ProgramTopic> ProgramTopics => Set<ProgramTopic>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<EnrolmentSkill> EnrolmentSkills => Set<EnrolmentSkill>();
    public DbSet<AvailabilitySlot> AvailabilitySlots => Set<AvailabilitySlot>();
    public DbSet<EnrolmentHistory> EnrolmentHistories => Set<EnrolmentHistory>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<ResourceCompletion> ResourceCompletions => Set<ResourceCompletion>();
    public DbSet<PairingRun> PairingRuns => Set<PairingRun>();
    public DbSet<Pair> Pairs => Set<Pair>();
    public DbSet<PairingRule> PairingRules => Set<PairingRule>();
    public DbSet<PartnerPreference> PartnerPreferences => Set<PartnerPreference>();
    public DbSet<MentorRequest> MentorRequests => Set<MentorRequest>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<SessionTopic> SessionTopics => Set<SessionTopic>();
    public DbSet<SessionMove> SessionMoves => Set<SessionMove>();
    public DbSet<Feedback> SessionFeedback => Set<Feedback>();
    public DbSet<CheckInQuestion> CheckInQuestions => Set<CheckInQuestion>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<CheckInAnswer> CheckInAnswers => Set<CheckInAnswer>();
    public DbSet<SkillRating> SkillRatings => Set<SkillRating>();
    public DbSet<GrowthArea> GrowthAreas => Set<GrowthArea>();
    public DbSet<GrowthRating> GrowthRatings => Set<GrowthRating>();
    public DbSet<LeadershipTraitRating> LeadershipTraitRatings => Set<LeadershipTraitRating>();
    public DbSet<SkillCheckpoint> SkillCheckpoints => Set<SkillCheckpoint>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ProgramEmailTemplate> EmailTemplates => Set<ProgramEmailTemplate>();
    public DbSet<CoordinatorAlert> CoordinatorAlerts => Set<CoordinatorAlert>();
    public DbSet<PairRiskReport> PairRiskReports => Set<PairRiskReport>();
    public DbSet<AgreementTemplate> AgreementTemplates => Set<AgreementTemplate>();
    public DbSet<PairAgreement> PairAgreements => Set<PairAgreement>();
    public DbSet<PairAgreementVersion> PairAgreementVersions => Set<PairAgreementVersion>();
    public DbSet<AgreementSignature> AgreementSignatures => Set<AgreementSignature>();
    public DbSet<PairGoal> PairGoals => Set<PairGoal>();
    public DbSet<GoalProgress> ProgressOnGoals => Set<GoalProgress>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PairMessage> PairMessages => Set<PairMessage>();
    public DbSet<PairReadMarker> PairReadMarkers => Set<PairReadMarker>();
    public DbSet<MessageReport> MessageReports => Set<MessageReport>();
    public DbSet<Concern> Concerns => Set<Concern>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OrgChartEntry> OrgChart => Set<OrgChartEntry>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<ProvisioningToken> ProvisioningTokens => Set<ProvisioningToken>();
    public DbSet<ProvisionedAccount> ProvisionedAccounts => Set<ProvisionedAccount>();
    public DbSet<MentoringGroup> MentoringGroups => Set<MentoringGroup>();
    public DbSet<MentoringGroupMember> MentoringGroupMembers => Set<MentoringGroupMember>();
    public DbSet<SessionAttendance> SessionAttendance => Set<SessionAttendance>();
    public DbSet<GroupMessage> GroupMessages => Set<GroupMessage>();
    public DbSet<KnowledgeSession> KnowledgeSessions => Set<KnowledgeSession>();
    public DbSet<KnowledgeSessionSeat> KnowledgeSessionSeats => Set<KnowledgeSessionSeat>();
    public DbSet<DashboardDay> DashboardDays => Set<DashboardDay>();
    public DbSet<DashboardStaleDay> DashboardStaleDays => Set<DashboardStaleDay>();
    public DbSet<DashboardVersion> DashboardVersions => Set<DashboardVersion>();
    public DbSet<DashboardLookupChange> DashboardLookupChanges => Set<DashboardLookupChange>();
    public DbSet<DashboardPairChange> DashboardPairChanges => Set<DashboardPairChange>();
    public DbSet<DashboardFactsState> DashboardFactsState => Set<DashboardFactsState>();
    public DbSet<RoleHolderChange> RoleHolderChanges => Set<RoleHolderChange>();
    public DbSet<PersonChange> PersonChanges => Set<PersonChange>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ConfigureDashboardFacts();

        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
            user.Property(u => u.TimeZoneId).HasMaxLength(64);
            user.Property(u => u.CoordinatorAlerts).HasConversion<string>().HasMaxLength(16);
            user.Property(u => u.ReminderChatKind).HasConversion<string>().HasMaxLength(8);
            user.Property(u => u.ReminderChatWebhookUrl).HasMaxLength(Infrastructure.ChatWebhooks.UrlMaxLength);
        });

        builder.Entity<MentoringProgram>(program =>
        {
            program.ToTable("Programs");
            program.Property(p => p.Name).HasMaxLength(MentoringProgram.NameMaxLength);
            program.Property(p => p.Objectives).HasMaxLength(MentoringProgram.ObjectivesMaxLength);
            program.Property(p => p.MeetingLinkTemplate).HasMaxLength(MeetingLinks.MaxLength);
            program.Property(p => p.ChatKind).HasConversion<string>().HasMaxLength(8);
            program.Property(p => p.ChatWebhookUrl).HasMaxLength(Infrastructure.ChatWebhooks.UrlMaxLength);
            program.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            program.Property(p => p.CreatedByUserId).HasMaxLength(450);
            program.Property(p => p.Version).IsConcurrencyToken();
            program.Property(p => p.Formats).HasConversion<int>();
            program.HasIndex(p => p.Status);
            program.OwnsOne(p => p.Matching, matching =>
            {
                matching.Property(m => m.Objective).HasConversion<string>().HasMaxLength(24);
            });
            program.Navigation(p => p.Matching).IsRequired();
            program.OwnsOne(p => p.Surveys);
            program.Navigation(p => p.Surveys).IsRequired();
            program.HasMany(p => p.Topics).WithOne().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
            program.HasMany(p => p.Coordinators).WithOne().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProgramCoordinator>(coordinator =>
        {
            coordinator.HasKey(c => new { c.ProgramId, c.UserId });
            coordinator.Property(c => c.UserId).HasMaxLength(450);

            // "My programs": the programs a person coordinates.
            coordinator.HasIndex(c => c.UserId);
            coordinator.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ProgramTopic>(topic =>
        {
            topic.Property(t => t.Title).HasMaxLength(ProgramTopic.TitleMaxLength);
            topic.Property(t => t.SuggestedActivities).HasMaxLength(ProgramTopic.ActivitiesMaxLength);
            topic.HasOne(t => t.Skill).WithMany().HasForeignKey(t => t.SkillId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<Skill>(skill =>
        {
            skill.Property(s => s.Name).HasMaxLength(Skill.NameMaxLength);
            skill.Property(s => s.Description).HasMaxLength(Skill.DescriptionMaxLength);
            skill.HasIndex(s => s.Name).IsUnique();
        });

        builder.Entity<Enrolment>(enrolment =>
        {
            enrolment.Property(e => e.UserId).HasMaxLength(450);
            enrolment.Property(e => e.Role).HasConversion<string>().HasMaxLength(16);
            enrolment.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
            enrolment.Property(e => e.Department).HasMaxLength(Enrolment.TextMaxLength);
            enrolment.Property(e => e.JobLevel).HasMaxLength(Enrolment.TextMaxLength);
            enrolment.Property(e => e.ManagerEmail).HasMaxLength(Invitation.EmailMaxLength);
            enrolment.Property(e => e.Location).HasMaxLength(Enrolment.TextMaxLength);
            enrolment.Property(e => e.TimeZoneId).HasMaxLength(64);
            enrolment.Property(e => e.Formats).HasConversion<int>();
            enrolment.Property(e => e.Interests).HasMaxLength(Enrolment.InterestsMaxLength);
            enrolment.Property(e => e.Goals).HasMaxLength(Enrolment.GoalsMaxLength);
            enrolment.Property(e => e.DecisionReason).HasMaxLength(Enrolment.ReasonMaxLength);
            enrolment.Property(e => e.DecidedByUserId).HasMaxLength(450);
            enrolment.Property(e => e.Version).IsConcurrencyToken();
            enrolment.HasIndex(e => new { e.ProgramId, e.UserId }).IsUnique();
            enrolment.HasIndex(e => new { e.ProgramId, e.Role, e.Status });
            enrolment.HasIndex(e => e.UserId);

            // The dashboard's department and job level filters and its lists of both.
            enrolment.HasIndex(e => new { e.Department, e.JobLevel });
            enrolment.HasOne(e => e.Program).WithMany().HasForeignKey(e => e.ProgramId).OnDelete(DeleteBehavior.Restrict);
            enrolment.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Restrict);
            enrolment.HasMany(e => e.Skills).WithOne().HasForeignKey(s => s.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
            enrolment.HasMany(e => e.Availability).WithOne().HasForeignKey(s => s.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
            enrolment.HasMany(e => e.History).WithOne().HasForeignKey(h => h.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EnrolmentSkill>(skill =>
        {
            skill.Property(s => s.Direction).HasConversion<string>().HasMaxLength(8);
            skill.HasOne(s => s.Skill).WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Restrict);
            skill.HasIndex(s => new { s.EnrolmentId, s.SkillId, s.Direction }).IsUnique();
        });

        builder.Entity<AvailabilitySlot>(slot => slot.Property(s => s.Day).HasConversion<int>());

        builder.Entity<EnrolmentHistory>(history =>
        {
            history.Property(h => h.ByUserId).HasMaxLength(450);
            history.Property(h => h.Event).HasMaxLength(EnrolmentHistory.EventMaxLength);
            history.Property(h => h.Detail).HasMaxLength(EnrolmentHistory.DetailMaxLength);
        });

        builder.Entity<Resource>(resource =>
        {
            resource.Property(r => r.Title).HasMaxLength(Resource.TitleMaxLength);
            resource.Property(r => r.Description).HasMaxLength(Resource.DescriptionMaxLength);
            resource.Property(r => r.Url).HasMaxLength(Resource.UrlMaxLength);
            resource.Property(r => r.FileName).HasMaxLength(255);
            resource.Property(r => r.StoredFileName).HasMaxLength(64);
            resource.Property(r => r.ContentType).HasMaxLength(100);
            resource.Property(r => r.Audience).HasConversion<string>().HasMaxLength(8);
            resource.Property(r => r.AddedByUserId).HasMaxLength(450);
            resource.HasOne(r => r.Program).WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ResourceCompletion>(done =>
        {
            done.Property(d => d.UserId).HasMaxLength(450);
            done.HasIndex(d => new { d.ResourceId, d.UserId }).IsUnique();
            done.HasIndex(d => new { d.ProgramId, d.UserId });
            done.HasOne<Resource>().WithMany().HasForeignKey(d => d.ResourceId).OnDelete(DeleteBehavior.Cascade);
            done.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PairingRun>(run =>
        {
            run.Property(r => r.CreatedByUserId).HasMaxLength(450);
            run.Property(r => r.PublishedByUserId).HasMaxLength(450);
            run.Property(r => r.Objective).HasConversion<string>().HasMaxLength(24);
            run.HasIndex(r => r.ProgramId);
            run.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Pair>(pair =>
        {
            pair.Property(p => p.Reasons).HasMaxLength(Pair.ReasonsMaxLength);
            pair.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            pair.Property(p => p.MentorResponse).HasConversion<string>().HasMaxLength(16);
            pair.Property(p => p.MenteeResponse).HasConversion<string>().HasMaxLength(16);
            pair.Property(p => p.DeclineReason).HasMaxLength(Pair.ReasonMaxLength);
            pair.Property(p => p.EndReason).HasMaxLength(Pair.ReasonMaxLength);
            pair.Property(p => p.Ending).HasConversion<string>().HasMaxLength(16);
            pair.Property(p => p.EndedByUserId).HasMaxLength(450);
            pair.Property(p => p.Version).IsConcurrencyToken();
            pair.HasIndex(p => new { p.ProgramId, p.Status });
            pair.HasIndex(p => p.MentorEnrolmentId);
            pair.HasIndex(p => p.MenteeEnrolmentId);
            pair.HasOne<MentoringProgram>().WithMany().HasForeignKey(p => p.ProgramId).OnDelete(DeleteBehavior.Restrict);
            pair.HasOne<PairingRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Restrict);
            pair.HasOne(p => p.MentorEnrolment).WithMany().HasForeignKey(p => p.MentorEnrolmentId).OnDelete(DeleteBehavior.Restrict);
            pair.HasOne(p => p.MenteeEnrolment).WithMany().HasForeignKey(p => p.MenteeEnrolmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<MentorRequest>(request =>
        {
            request.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            request.Property(r => r.DeclineReason).HasMaxLength(MentorRequest.ReasonMaxLength);
            request.Property(r => r.Version).IsConcurrencyToken();
            request.HasIndex(r => new { r.ProgramId, r.State });
            request.HasIndex(r => new { r.MenteeEnrolmentId, r.ChoiceOrder });
            request.HasIndex(r => new { r.MentorEnrolmentId, r.State });
            request.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
            request.HasOne(r => r.MentorEnrolment).WithMany().HasForeignKey(r => r.MentorEnrolmentId).OnDelete(DeleteBehavior.Restrict);
            request.HasOne(r => r.MenteeEnrolment).WithMany().HasForeignKey(r => r.MenteeEnrolmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PairingRule>(rule =>
        {
            rule.Property(r => r.Kind).HasConversion<string>().HasMaxLength(8);
            rule.Property(r => r.CreatedByUserId).HasMaxLength(450);
            rule.HasIndex(r => new { r.ProgramId, r.MentorEnrolmentId, r.MenteeEnrolmentId }).IsUnique();
            rule.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
            rule.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.MentorEnrolmentId).OnDelete(DeleteBehavior.Restrict);
            rule.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.MenteeEnrolmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PartnerPreference>(preference =>
        {
            preference.HasIndex(p => new { p.EnrolmentId, p.Rank }).IsUnique();
            preference.HasIndex(p => new { p.EnrolmentId, p.PartnerEnrolmentId }).IsUnique();
            preference.HasIndex(p => p.ProgramId);
            preference.HasOne<MentoringProgram>().WithMany().HasForeignKey(p => p.ProgramId).OnDelete(DeleteBehavior.Restrict);
            preference.HasOne<Enrolment>().WithMany().HasForeignKey(p => p.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
            preference.HasOne<Enrolment>().WithMany().HasForeignKey(p => p.PartnerEnrolmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Session>(session =>
        {
            session.Property(s => s.Format).HasConversion<int>();
            session.Property(s => s.Location).HasMaxLength(Session.LocationMaxLength);
            session.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
            session.Property(s => s.ScheduledByUserId).HasMaxLength(450);
            session.Property(s => s.CancelReason).HasMaxLength(Session.ReasonMaxLength);
            session.Property(s => s.CancelledByUserId).HasMaxLength(450);
            session.Property(s => s.Notes).HasMaxLength(Session.NotesMaxLength);
            session.Property(s => s.FollowUps).HasMaxLength(Session.FollowUpsMaxLength);
            session.Property(s => s.LoggedByUserId).HasMaxLength(450);
            session.Property(s => s.Version).IsConcurrencyToken();
            session.HasIndex(s => new { s.PairId, s.StartsAtUtc });

            // A pair's held sessions (last held, held in a period) read from the index alone, for every pair at once.
            session.HasIndex(s => new { s.PairId, s.Status, s.StartsAtUtc });
            session.HasIndex(s => new { s.ProgramId, s.Status, s.StartsAtUtc });
            session.HasIndex(s => new { s.Status, s.StartsAtUtc });
            session.HasOne(s => s.Pair).WithMany().HasForeignKey(s => s.PairId).OnDelete(DeleteBehavior.Restrict);
            session.HasOne(s => s.Group).WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.Restrict);
            session.HasIndex(s => new { s.GroupId, s.Status, s.StartsAtUtc });
            session.HasMany(s => s.Attendance).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);

            // A session belongs to a pair or to a group, never both and never neither.
            session.ToTable(t => t.HasCheckConstraint("CK_Sessions_PairOrGroup",
                "(\"PairId\" IS NOT NULL AND \"GroupId\" IS NULL) OR (\"PairId\" IS NULL AND \"GroupId\" IS NOT NULL)"));
            session.HasOne<MentoringProgram>().WithMany().HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Restrict);
            session.HasMany(s => s.Topics).WithOne().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
            session.HasMany(s => s.Moves).WithOne().HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MentoringGroup>(group =>
        {
            group.Property(g => g.Name).HasMaxLength(MentoringGroup.NameMaxLength);
            group.HasIndex(g => new { g.ProgramId, g.MentorEnrolmentId });
            group.HasOne<MentoringProgram>().WithMany().HasForeignKey(g => g.ProgramId).OnDelete(DeleteBehavior.Restrict);
            group.HasOne(g => g.MentorEnrolment).WithMany().HasForeignKey(g => g.MentorEnrolmentId).OnDelete(DeleteBehavior.Restrict);
            group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
            group.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<MentoringGroupMember>(member =>
        {
            member.HasIndex(m => new { m.GroupId, m.PairId }).IsUnique();
            member.HasIndex(m => m.PairId);
            member.HasIndex(m => m.MenteeEnrolmentId);
            member.HasOne(m => m.Pair).WithMany().HasForeignKey(m => m.PairId).OnDelete(DeleteBehavior.Restrict);
            member.HasOne<Enrolment>().WithMany().HasForeignKey(m => m.MenteeEnrolmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SessionAttendance>(attendance =>
        {
            attendance.HasIndex(a => new { a.SessionId, a.PairId }).IsUnique();
            attendance.HasIndex(a => a.PairId);
            attendance.HasOne<Pair>().WithMany().HasForeignKey(a => a.PairId).OnDelete(DeleteBehavior.Restrict);
            attendance.HasOne<Enrolment>().WithMany().HasForeignKey(a => a.MenteeEnrolmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<GroupMessage>(message =>
        {
            message.Property(m => m.AuthorUserId).HasMaxLength(450);
            message.Property(m => m.Text).HasMaxLength(GroupMessage.TextMaxLength);
            message.HasIndex(m => new { m.GroupId, m.SentAtUtc });
            message.HasOne<MentoringGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SessionMove>(move =>
        {
            move.Property(m => m.ByUserId).HasMaxLength(450);
            move.HasIndex(m => m.ByUserId);
        });

        builder.Entity<SessionTopic>(topic =>
        {
            topic.Property(t => t.Kind).HasConversion<string>().HasMaxLength(8);
            topic.HasIndex(t => new { t.SessionId, t.ProgramTopicId, t.Kind }).IsUnique();
            topic.HasOne(t => t.ProgramTopic).WithMany().HasForeignKey(t => t.ProgramTopicId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Feedback>(feedback =>
        {
            feedback.ToTable("Feedback");
            feedback.Property(f => f.ByUserId).HasMaxLength(450);
            feedback.Property(f => f.Role).HasConversion<string>().HasMaxLength(16);
            feedback.Property(f => f.Comment).HasMaxLength(Feedback.CommentMaxLength);
            // Once per side of a pair; in a group session each attending mentee rates under their own pair.
            feedback.HasIndex(f => new { f.SessionId, f.PairId, f.Role }).IsUnique();

            // Covering indexes: ratings over a period (per program, or all programs by skip-scan) and a pair's latest
            // ratings are read without touching the table.
            feedback.HasIndex(f => new { f.ProgramId, f.CreatedAtUtc, f.Rating, f.ByUserId });
            feedback.HasIndex(f => new { f.PairId, f.CreatedAtUtc, f.Rating, f.ByUserId });
            feedback.HasOne(f => f.Session).WithMany().HasForeignKey(f => f.SessionId).OnDelete(DeleteBehavior.Restrict);
            feedback.HasOne<Pair>().WithMany().HasForeignKey(f => f.PairId).OnDelete(DeleteBehavior.Restrict);
            feedback.HasOne<MentoringProgram>().WithMany().HasForeignKey(f => f.ProgramId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CheckInQuestion>(question =>
        {
            question.Property(q => q.Text).HasMaxLength(CheckInQuestion.TextMaxLength);
            question.Property(q => q.Kind).HasConversion<string>().HasMaxLength(8);
            question.Property(q => q.Survey).HasConversion<string>().HasMaxLength(16);
            question.HasIndex(q => q.ProgramId);
            question.HasOne<MentoringProgram>().WithMany().HasForeignKey(q => q.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CheckIn>(checkIn =>
        {
            checkIn.Property(c => c.UserId).HasMaxLength(450);
            checkIn.Property(c => c.Role).HasConversion<string>().HasMaxLength(16);
            checkIn.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            checkIn.HasIndex(c => new { c.PairId, c.EnrolmentId, c.Kind, c.DayNumber }).IsUnique();
            checkIn.HasIndex(c => new { c.UserId, c.AnsweredAtUtc });
            checkIn.HasIndex(c => new { c.ProgramId, c.Kind });
            checkIn.HasOne(c => c.Pair).WithMany().HasForeignKey(c => c.PairId).OnDelete(DeleteBehavior.Restrict);
            checkIn.HasOne<Enrolment>().WithMany().HasForeignKey(c => c.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
            checkIn.HasOne<MentoringProgram>().WithMany().HasForeignKey(c => c.ProgramId).OnDelete(DeleteBehavior.Restrict);
            checkIn.HasMany(c => c.Answers).WithOne().HasForeignKey(a => a.CheckInId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CheckInAnswer>(answer =>
        {
            answer.Property(a => a.Text).HasMaxLength(CheckInAnswer.TextMaxLength);
            answer.HasIndex(a => new { a.CheckInId, a.QuestionId }).IsUnique();
            answer.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SkillRating>(rating =>
        {
            rating.Property(r => r.Role).HasConversion<string>().HasMaxLength(16);
            rating.Property(r => r.Stage).HasConversion<string>().HasMaxLength(8);
            rating.HasIndex(r => new { r.PairId, r.EnrolmentId, r.SkillId, r.Stage }).IsUnique();
            rating.HasIndex(r => new { r.ProgramId, r.SkillId, r.Stage });
            rating.HasOne(r => r.Skill).WithMany().HasForeignKey(r => r.SkillId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<Pair>().WithMany().HasForeignKey(r => r.PairId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<GrowthArea>(area =>
        {
            area.Property(a => a.Name).HasMaxLength(GrowthArea.NameMaxLength);
            area.HasIndex(a => new { a.ProgramId, a.SortOrder });
            area.HasOne<MentoringProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<GrowthRating>(rating =>
        {
            rating.Property(r => r.Stage).HasConversion<string>().HasMaxLength(8);
            rating.HasIndex(r => new { r.PairId, r.EnrolmentId, r.GrowthAreaId, r.Stage }).IsUnique();
            rating.HasIndex(r => new { r.ProgramId, r.GrowthAreaId, r.Stage });
            rating.HasOne(r => r.GrowthArea).WithMany().HasForeignKey(r => r.GrowthAreaId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<Pair>().WithMany().HasForeignKey(r => r.PairId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<LeadershipTraitRating>(rating =>
        {
            rating.Property(r => r.Comment).HasMaxLength(LeadershipTraitRating.CommentMaxLength);
            rating.Ignore(r => r.Average);
            rating.HasIndex(r => r.PairId).IsUnique();
            rating.HasIndex(r => r.MentorEnrolmentId);
            rating.HasOne<Pair>().WithMany().HasForeignKey(r => r.PairId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.MentorEnrolmentId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.MenteeEnrolmentId).OnDelete(DeleteBehavior.Restrict);
            rating.HasOne<MentoringProgram>().WithMany().HasForeignKey(r => r.ProgramId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CalendarFeed>(feed =>
        {
            feed.Property(f => f.TokenHash).HasMaxLength(CalendarFeed.HashLength);
            feed.HasIndex(f => f.TokenHash).IsUnique();
            feed.HasIndex(f => f.UserId).IsUnique();
            feed.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrgChartEntry>(entry =>
        {
            entry.Property(e => e.Email).HasMaxLength(OrgChartEntry.EmailMaxLength);
            entry.Property(e => e.NormalizedEmail).HasMaxLength(OrgChartEntry.EmailMaxLength);
            entry.Property(e => e.ManagerEmail).HasMaxLength(OrgChartEntry.EmailMaxLength);
            entry.Property(e => e.Department).HasMaxLength(OrgChartEntry.TextMaxLength);
            entry.Property(e => e.JobLevel).HasMaxLength(OrgChartEntry.TextMaxLength);
            entry.Property(e => e.EmployeeNumber).HasMaxLength(OrgChartEntry.TextMaxLength);
            entry.Property(e => e.Source).HasConversion<string>().HasMaxLength(12);
            entry.HasIndex(e => e.NormalizedEmail).IsUnique();
            entry.HasIndex(e => e.ManagerEmail);
        });

        builder.Entity<ProvisioningToken>(token =>
        {
            token.Property(t => t.Name).HasMaxLength(ProvisioningToken.NameMaxLength);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.CreatedByUserId).OnDelete(DeleteBehavior.Restrict);
            token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.RevokedByUserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ProvisionedAccount>(account =>
        {
            account.Property(a => a.Id).HasMaxLength(36);
            account.Property(a => a.ExternalId).HasMaxLength(ProvisionedAccount.ExternalIdMaxLength);
            account.Property(a => a.GivenName).HasMaxLength(ProvisionedAccount.TextMaxLength);
            account.Property(a => a.FamilyName).HasMaxLength(ProvisionedAccount.TextMaxLength);
            account.Property(a => a.Version).IsConcurrencyToken();
            account.HasIndex(a => a.UserId).IsUnique();
            account.HasIndex(a => a.ExternalId);
            account.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SkillCheckpoint>(checkpoint =>
        {
            checkpoint.Property(c => c.Stage).HasConversion<string>().HasMaxLength(8);
            checkpoint.HasIndex(c => new { c.PairId, c.EnrolmentId, c.Stage }).IsUnique();
            checkpoint.HasOne<Pair>().WithMany().HasForeignKey(c => c.PairId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.Property(m => m.Key).HasMaxLength(OutboxMessage.KeyMaxLength);
            message.Property(m => m.Recipient).HasMaxLength(Invitation.EmailMaxLength);
            message.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
            message.Property(m => m.AttachmentFileName).HasMaxLength(OutboxMessage.FileNameMaxLength);
            message.Property(m => m.AttachmentContentType).HasMaxLength(OutboxMessage.ContentTypeMaxLength);
            message.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
            message.Property(m => m.WebhookUrl).HasMaxLength(Infrastructure.ChatWebhooks.UrlMaxLength);
            message.Property(m => m.ChatKind).HasConversion<string>().HasMaxLength(8);

            // The key is what keeps a message from being queued, and so sent, twice: by a retried job or another instance.
            message.HasIndex(m => m.Key).IsUnique();

            // The sender's question: what is unsent and due, oldest first.
            message.HasIndex(m => new { m.SentAtUtc, m.FailedAtUtc, m.NextAttemptAtUtc });
            message.HasIndex(m => m.Recipient);
        });

        builder.Entity<CoordinatorAlert>(alert =>
        {
            alert.Property(a => a.Key).HasMaxLength(CoordinatorAlert.KeyMaxLength);
            alert.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
            alert.Property(a => a.Title).HasMaxLength(CoordinatorAlert.TitleMaxLength);
            alert.Property(a => a.Detail).HasMaxLength(CoordinatorAlert.DetailMaxLength);
            alert.Property(a => a.Link).HasMaxLength(CoordinatorAlert.LinkMaxLength);

            // An event is recorded once, whichever instance or request raises it again.
            alert.HasIndex(a => a.Key).IsUnique();

            // The digest's question: what happened in these programs since then.
            alert.HasIndex(a => new { a.ProgramId, a.OccurredAtUtc });
            alert.HasOne<MentoringProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PairRiskReport>(report =>
        {
            report.HasKey(r => r.PairId);
            report.Property(r => r.PairId).ValueGeneratedNever();
            report.Property(r => r.Flags).HasMaxLength(PairRiskReport.FlagsMaxLength);
            report.HasOne<Pair>().WithOne().HasForeignKey<PairRiskReport>(r => r.PairId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEntry>(audit =>
        {
            audit.Property(a => a.UserId).HasMaxLength(450);
            audit.Property(a => a.UserName).HasMaxLength(256);
            audit.Property(a => a.Action).HasMaxLength(16);
            audit.Property(a => a.Entity).HasMaxLength(64);
            audit.Property(a => a.EntityId).HasMaxLength(64);
            audit.Property(a => a.ActionKey).HasMaxLength(64);
            audit.Property(a => a.ActionName).HasMaxLength(128);
            audit.HasIndex(a => a.AtUtc);
            audit.HasIndex(a => a.ActionKey);
            audit.HasIndex(a => new { a.ProgramId, a.AtUtc });
            audit.HasIndex(a => new { a.Entity, a.EntityId });
        });

        builder.Entity<ProgramEmailTemplate>(template =>
        {
            template.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
            template.Property(t => t.Subject).HasMaxLength(ProgramEmailTemplate.SubjectMaxLength);
            template.Property(t => t.Body).HasMaxLength(ProgramEmailTemplate.BodyMaxLength);
            template.Property(t => t.UpdatedByUserId).HasMaxLength(450);
            template.HasIndex(t => new { t.ProgramId, t.Kind }).IsUnique();
            template.HasOne<MentoringProgram>().WithMany().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AgreementTemplate>(template =>
        {
            template.HasKey(t => t.ProgramId);
            template.Property(t => t.ProgramId).ValueGeneratedNever();
            template.Property(t => t.GroundRules).HasMaxLength(AgreementTerms.GroundRulesMaxLength);
            template.Property(t => t.Cadence).HasMaxLength(AgreementTerms.TermMaxLength);
            template.Property(t => t.Cancelling).HasMaxLength(AgreementTerms.TermMaxLength);
            template.Property(t => t.UpdatedByUserId).HasMaxLength(450);
            template.HasOne<MentoringProgram>().WithOne().HasForeignKey<AgreementTemplate>(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PairAgreement>(agreement =>
        {
            agreement.Property(a => a.Stamp).IsConcurrencyToken();

            // One agreement per pair: two people starting it at once cannot make two.
            agreement.HasIndex(a => a.PairId).IsUnique();
            agreement.HasIndex(a => a.ProgramId);
            agreement.HasOne<Pair>().WithMany().HasForeignKey(a => a.PairId).OnDelete(DeleteBehavior.Restrict);
            agreement.HasOne<MentoringProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
            agreement.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.AgreementId).OnDelete(DeleteBehavior.Cascade);
            agreement.Ignore(a => a.Current);
            agreement.Ignore(a => a.SignedByBothAtUtc);
        });

        builder.Entity<PairAgreementVersion>(version =>
        {
            version.Property(v => v.GroundRules).HasMaxLength(AgreementTerms.GroundRulesMaxLength);
            version.Property(v => v.Cadence).HasMaxLength(AgreementTerms.TermMaxLength);
            version.Property(v => v.Cancelling).HasMaxLength(AgreementTerms.TermMaxLength);
            version.Property(v => v.MentorLearns).HasMaxLength(AgreementTerms.TermMaxLength);
            version.Property(v => v.MentorTeaches).HasMaxLength(AgreementTerms.TermMaxLength);
            version.Property(v => v.MenteeLearns).HasMaxLength(AgreementTerms.TermMaxLength);
            version.Property(v => v.MenteeTeaches).HasMaxLength(AgreementTerms.TermMaxLength);
            version.Property(v => v.ProposedByUserId).HasMaxLength(450);
            version.Property(v => v.ProposedBySide).HasConversion<string>().HasMaxLength(16);
            version.HasIndex(v => new { v.AgreementId, v.Number }).IsUnique();
            version.HasMany(v => v.Signatures).WithOne().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Cascade);
            version.Ignore(v => v.Terms);
            version.Ignore(v => v.SignedByBothAtUtc);
        });

        builder.Entity<AgreementSignature>(signature =>
        {
            signature.Property(s => s.Side).HasConversion<string>().HasMaxLength(16);
            signature.Property(s => s.UserId).HasMaxLength(450);

            // Each side signs a version once, however often the form is sent.
            signature.HasIndex(s => new { s.VersionId, s.Side }).IsUnique();
        });

        builder.Entity<PairGoal>(goal =>
        {
            goal.Property(g => g.OwnerUserId).HasMaxLength(450);
            goal.Property(g => g.OwnerSide).HasConversion<string>().HasMaxLength(16);
            goal.Property(g => g.Title).HasMaxLength(PairGoal.TitleMaxLength);
            goal.Property(g => g.Status).HasConversion<string>().HasMaxLength(16);
            goal.Property(g => g.Notes).HasMaxLength(PairGoal.NotesMaxLength);
            goal.Property(g => g.Version).IsConcurrencyToken();
            goal.HasIndex(g => g.PairId);
            goal.HasIndex(g => g.OwnerUserId);
            goal.HasOne<Pair>().WithMany().HasForeignKey(g => g.PairId).OnDelete(DeleteBehavior.Restrict);
            goal.HasOne<MentoringProgram>().WithMany().HasForeignKey(g => g.ProgramId).OnDelete(DeleteBehavior.Restrict);
            goal.HasOne<ProgramTopic>().WithMany().HasForeignKey(g => g.ProgramTopicId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<GoalProgress>(progress =>
        {
            progress.Property(p => p.ByUserId).HasMaxLength(450);
            progress.Property(p => p.Note).HasMaxLength(GoalProgress.NoteMaxLength);
            progress.HasIndex(p => new { p.GoalId, p.SessionId }).IsUnique();
            progress.HasIndex(p => p.SessionId);
            progress.HasOne<PairGoal>().WithMany().HasForeignKey(p => p.GoalId).OnDelete(DeleteBehavior.Cascade);
            progress.HasOne<Session>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<JournalEntry>(entry =>
        {
            entry.Property(j => j.AuthorUserId).HasMaxLength(450);
            entry.Property(j => j.Learned).HasMaxLength(JournalEntry.TextMaxLength);
            entry.Property(j => j.WillTry).HasMaxLength(JournalEntry.TextMaxLength);
            entry.Property(j => j.Thoughts).HasMaxLength(JournalEntry.TextMaxLength);
            entry.HasIndex(j => new { j.AuthorUserId, j.CreatedAtUtc });
            entry.HasOne<AppUser>().WithMany().HasForeignKey(j => j.AuthorUserId).OnDelete(DeleteBehavior.Cascade);
            entry.HasOne<Session>().WithMany().HasForeignKey(j => j.SessionId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<PairMessage>(message =>
        {
            message.Property(m => m.AuthorUserId).HasMaxLength(450);
            message.Property(m => m.Text).HasMaxLength(PairMessage.TextMaxLength);
            message.Property(m => m.AttachmentFileName).HasMaxLength(Features.Resources.ResourceFiles.FileNameMaxLength);
            message.Property(m => m.AttachmentContentType).HasMaxLength(200);
            message.Property(m => m.AttachmentStoredName).HasMaxLength(64);
            message.HasIndex(m => new { m.PairId, m.SentAtUtc });
            message.HasIndex(m => m.ProgramId);
            message.HasOne<Pair>().WithMany().HasForeignKey(m => m.PairId).OnDelete(DeleteBehavior.Cascade);
            message.HasOne<PairMessage>().WithMany().HasForeignKey(m => m.ReplyToId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PairReadMarker>(marker =>
        {
            marker.HasKey(m => new { m.PairId, m.UserId });
            marker.Property(m => m.UserId).HasMaxLength(450);
            marker.HasIndex(m => m.UserId);
            marker.HasOne<Pair>().WithMany().HasForeignKey(m => m.PairId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MessageReport>(report =>
        {
            report.Property(r => r.ReportedByUserId).HasMaxLength(450);
            report.Property(r => r.HandledByUserId).HasMaxLength(450);
            report.Property(r => r.Reason).HasMaxLength(MessageReport.ReasonMaxLength);
            report.HasIndex(r => new { r.MessageId, r.ReportedByUserId }).IsUnique();
            report.HasIndex(r => r.PairId);
            report.HasOne<PairMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<KnowledgeSession>(knowledge =>
        {
            knowledge.Property(k => k.HostUserId).HasMaxLength(450);
            knowledge.Property(k => k.Title).HasMaxLength(KnowledgeSession.TitleMaxLength);
            knowledge.Property(k => k.Description).HasMaxLength(KnowledgeSession.DescriptionMaxLength);
            knowledge.Property(k => k.Location).HasMaxLength(KnowledgeSession.LocationMaxLength);
            knowledge.Property(k => k.Format).HasConversion<int>();
            knowledge.Property(k => k.Status).HasConversion<string>().HasMaxLength(16);
            knowledge.Property(k => k.CancelReason).HasMaxLength(KnowledgeSession.ReasonMaxLength);
            knowledge.Property(k => k.Version).IsConcurrencyToken();
            knowledge.HasIndex(k => new { k.ProgramId, k.StartsAtUtc });
            knowledge.HasOne(k => k.Program).WithMany().HasForeignKey(k => k.ProgramId).OnDelete(DeleteBehavior.Cascade);
            knowledge.HasOne(k => k.Host).WithMany().HasForeignKey(k => k.HostUserId).OnDelete(DeleteBehavior.Restrict);
            knowledge.HasMany(k => k.Seats).WithOne().HasForeignKey(s => s.KnowledgeSessionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<KnowledgeSessionSeat>(seat =>
        {
            seat.Property(s => s.UserId).HasMaxLength(450);
            seat.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            seat.Property(s => s.Comment).HasMaxLength(KnowledgeSessionSeat.CommentMaxLength);

            // One row per person and session: signing up twice is refused by the database too.
            seat.HasIndex(s => new { s.KnowledgeSessionId, s.UserId }).IsUnique();
            seat.HasIndex(s => s.UserId);
            seat.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Concern>(concern =>
        {
            concern.Property(c => c.RaisedByUserId).HasMaxLength(450);
            concern.Property(c => c.ResolvedByUserId).HasMaxLength(450);
            concern.Property(c => c.Category).HasConversion<string>().HasMaxLength(16);
            concern.Property(c => c.Text).HasMaxLength(Concern.TextMaxLength);
            concern.Property(c => c.ResolutionNote).HasMaxLength(Concern.NoteMaxLength);
            concern.HasIndex(c => new { c.PairId, c.ResolvedAtUtc });
            concern.HasIndex(c => c.ProgramId);
            concern.HasOne<Pair>().WithMany().HasForeignKey(c => c.PairId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.Property(i => i.Email).HasMaxLength(Invitation.EmailMaxLength);
            invitation.Property(i => i.Role).HasMaxLength(32);
            invitation.Property(i => i.TokenHash).HasMaxLength(64).UsePropertyAccessMode(PropertyAccessMode.Property);
            invitation.Property(i => i.InvitedByUserId).HasMaxLength(450);
            invitation.Property(i => i.CoordinatorMessage).HasMaxLength(Invitation.CoordinatorMessageMaxLength);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => i.Email);
            invitation.HasOne(i => i.Program).WithMany().HasForeignKey(i => i.ProgramId).OnDelete(DeleteBehavior.SetNull);
        });

        // Read by the newest id and by the last few minutes (a late commit), never joined.
        builder.Entity<RoleHolderChange>(change => change.HasIndex(c => c.ChangedAtUtc));
        builder.Entity<PersonChange>(change =>
        {
            change.Property(c => c.UserId).HasMaxLength(450);
            change.HasIndex(c => new { c.UserId, c.Id });
            change.HasIndex(c => c.ChangedAtUtc);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RenewConcurrencyTokens();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RenewConcurrencyTokens();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every save of a modified program or enrolment gets a new Version, so a second editor holding the old one fails
    // to save. A change only to a program's owned matching settings counts as a change to the program.
    // One pass over the tracked entries: each Entries<T>() call detects changes over every tracked entity again, and
    // a job that saves one row at a time beside thousands tracked spent most of its time there.
    private void RenewConcurrencyTokens()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is IVersionedOnSave versioned && (entry.State == EntityState.Modified
                || (entry.Entity is MentoringProgram && entry.References.Any(r => r.TargetEntry?.State == EntityState.Modified))))
            {
                versioned.Version = Guid.NewGuid();
            }
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // Every stored time is UTC (timestamptz). PostgreSQL, unlike SQLite and SQL Server, refuses a DateTime whose
        // Kind is not Utc, so one made from a date (Kind Unspecified) is taken as the UTC it already is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        time => time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc),
        time => DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
