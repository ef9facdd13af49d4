using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReverseMentoring.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SelfServiceGroupsAndKnowledgeSharing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Feedback_SessionId_Role",
                table: "Feedback");

            migrationBuilder.AlterColumn<int>(
                name: "PairId",
                table: "Sessions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "GroupId",
                table: "Sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OwnCapacity",
                table: "Enrolments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PausedAtUtc",
                table: "Enrolments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "KnowledgeSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    HostUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AttendanceRecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CalendarSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeSessions_AspNetUsers_HostUserId",
                        column: x => x.HostUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KnowledgeSessions_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MentoringGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    MentorEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentoringGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentoringGroups_Enrolments_MentorEnrolmentId",
                        column: x => x.MentorEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentoringGroups_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MentorRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    MenteeEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    MentorEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChoiceOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnswerDueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentorRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentorRequests_Enrolments_MenteeEnrolmentId",
                        column: x => x.MenteeEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentorRequests_Enrolments_MentorEnrolmentId",
                        column: x => x.MentorEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentorRequests_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartnerPreferences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    EnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    RankedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerPreferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerPreferences_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerPreferences_Enrolments_PartnerEnrolmentId",
                        column: x => x.PartnerEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerPreferences_Programs_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "Programs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionAttendance",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    MenteeEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAttendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_Enrolments_MenteeEnrolmentId",
                        column: x => x.MenteeEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionAttendance_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "KnowledgeSessionSeats",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    KnowledgeSessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: true),
                    SignedUpAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BookedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attended = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeSessionSeats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KnowledgeSessionSeats_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_KnowledgeSessionSeats_KnowledgeSessions_KnowledgeSessionId",
                        column: x => x.KnowledgeSessionId,
                        principalTable: "KnowledgeSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GroupMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProgramId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GroupMessages_MentoringGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MentoringGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MentoringGroupMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    PairId = table.Column<int>(type: "INTEGER", nullable: false),
                    MenteeEnrolmentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentoringGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentoringGroupMembers_Enrolments_MenteeEnrolmentId",
                        column: x => x.MenteeEnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MentoringGroupMembers_MentoringGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MentoringGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MentoringGroupMembers_Pairs_PairId",
                        column: x => x.PairId,
                        principalTable: "Pairs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sessions_GroupId_Status_StartsAtUtc",
                table: "Sessions",
                columns: new[] { "GroupId", "Status", "StartsAtUtc" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Sessions_PairOrGroup",
                table: "Sessions",
                sql: "(\"PairId\" IS NOT NULL AND \"GroupId\" IS NULL) OR (\"PairId\" IS NULL AND \"GroupId\" IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_SessionId_PairId_Role",
                table: "Feedback",
                columns: new[] { "SessionId", "PairId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GroupMessages_GroupId_SentAtUtc",
                table: "GroupMessages",
                columns: new[] { "GroupId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeSessions_HostUserId",
                table: "KnowledgeSessions",
                column: "HostUserId");

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeSessions_ProgramId_StartsAtUtc",
                table: "KnowledgeSessions",
                columns: new[] { "ProgramId", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeSessionSeats_KnowledgeSessionId_UserId",
                table: "KnowledgeSessionSeats",
                columns: new[] { "KnowledgeSessionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeSessionSeats_UserId",
                table: "KnowledgeSessionSeats",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroupMembers_GroupId_PairId",
                table: "MentoringGroupMembers",
                columns: new[] { "GroupId", "PairId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroupMembers_MenteeEnrolmentId",
                table: "MentoringGroupMembers",
                column: "MenteeEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroupMembers_PairId",
                table: "MentoringGroupMembers",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroups_MentorEnrolmentId",
                table: "MentoringGroups",
                column: "MentorEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_MentoringGroups_ProgramId_MentorEnrolmentId",
                table: "MentoringGroups",
                columns: new[] { "ProgramId", "MentorEnrolmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_MentorRequests_MenteeEnrolmentId_ChoiceOrder",
                table: "MentorRequests",
                columns: new[] { "MenteeEnrolmentId", "ChoiceOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_MentorRequests_MentorEnrolmentId_State",
                table: "MentorRequests",
                columns: new[] { "MentorEnrolmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_MentorRequests_ProgramId_State",
                table: "MentorRequests",
                columns: new[] { "ProgramId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_EnrolmentId_PartnerEnrolmentId",
                table: "PartnerPreferences",
                columns: new[] { "EnrolmentId", "PartnerEnrolmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_EnrolmentId_Rank",
                table: "PartnerPreferences",
                columns: new[] { "EnrolmentId", "Rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_PartnerEnrolmentId",
                table: "PartnerPreferences",
                column: "PartnerEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerPreferences_ProgramId",
                table: "PartnerPreferences",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_MenteeEnrolmentId",
                table: "SessionAttendance",
                column: "MenteeEnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_PairId",
                table: "SessionAttendance",
                column: "PairId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAttendance_SessionId_PairId",
                table: "SessionAttendance",
                columns: new[] { "SessionId", "PairId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Sessions_MentoringGroups_GroupId",
                table: "Sessions",
                column: "GroupId",
                principalTable: "MentoringGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sessions_MentoringGroups_GroupId",
                table: "Sessions");

            migrationBuilder.DropTable(
                name: "GroupMessages");

            migrationBuilder.DropTable(
                name: "KnowledgeSessionSeats");

            migrationBuilder.DropTable(
                name: "MentoringGroupMembers");

            migrationBuilder.DropTable(
                name: "MentorRequests");

            migrationBuilder.DropTable(
                name: "PartnerPreferences");

            migrationBuilder.DropTable(
                name: "SessionAttendance");

            migrationBuilder.DropTable(
                name: "KnowledgeSessions");

            migrationBuilder.DropTable(
                name: "MentoringGroups");

            migrationBuilder.DropIndex(
                name: "IX_Sessions_GroupId_Status_StartsAtUtc",
                table: "Sessions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Sessions_PairOrGroup",
                table: "Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Feedback_SessionId_PairId_Role",
                table: "Feedback");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "OwnCapacity",
                table: "Enrolments");

            migrationBuilder.DropColumn(
                name: "PausedAtUtc",
                table: "Enrolments");

            migrationBuilder.AlterColumn<int>(
                name: "PairId",
                table: "Sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_SessionId_Role",
                table: "Feedback",
                columns: new[] { "SessionId", "Role" },
                unique: true);
        }
    }
}
