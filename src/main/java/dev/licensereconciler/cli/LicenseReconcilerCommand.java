package dev.licensereconciler.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Model.CommandSpec;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The command line (§8). Each command is a picocli {@code @Command} class listed in
 * {@code subcommands} below: one that needs the application (database, batch) extends
 * {@link ApplicationCommand}, a plain-Java one implements {@code Callable<Integer>} like
 * {@link GenerateCommand}. Listing the class is all it takes: its help ({@code help NAME},
 * {@code NAME --help}), its line in {@code help}, exit status 2 with a message for a bad command
 * line and the Spring properties come with it. Spring properties ({@code --spring.x=y},
 * {@code --license-reconciler.x=y}, {@code --logging.x=y}, serve's {@code --server.x=y} and
 * {@code --management.x=y}) are taken out before parsing and handed
 * to Spring as they are.
 */
@Command(name = "license-reconciler",
        description = "Reconciles Microsoft 365 license assignments from a tenant's CSV exports.",
        subcommands = {RunCommand.class, JobsCommand.class, ServeCommand.class, SnapshotCommand.class, ApplyCommand.class,
            GenerateCommand.class, HelpCommand.class},
        footer = {"", "Spring properties can be given as --spring.x=y (e.g. --spring.profiles.active=mysql), the "
                + "application's as --license-reconciler.x=y.", LicenseReconcilerCommand.EXIT_STATUS,
            "license-reconciler help COMMAND (or COMMAND --help) shows the options of one command."})
public final class LicenseReconcilerCommand implements Callable<Integer> {

    static final String EXIT_STATUS = "Exit status: 0 all clean, 3 completed with reported problems, "
            + "1 the run failed (nothing published), 2 bad command line.";

    private static final List<String> SPRING_PREFIXES = List.of("--spring.", "--logging.", "--license-reconciler.",
            "--server.", "--management.");

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    private final ApplicationStarter application;
    private final List<String> springArgs;

    private LicenseReconcilerCommand(ApplicationStarter application, List<String> springArgs) {
        this.application = application;
        this.springArgs = List.copyOf(springArgs);
    }

    /** Runs one command and returns its exit status ({@code serve} returns when stopped). */
    public static int execute(ApplicationStarter application, String... args) {
        List<String> spring = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            (isSpringProperty(a) ? spring : rest).add(a);
        }
        return commandLine(application, spring).execute(rest.toArray(String[]::new));
    }

    /** An argument that goes to Spring as it is: {@code --spring.…}, {@code --logging.…}, {@code --license-reconciler.…}. */
    public static boolean isSpringProperty(String arg) {
        return SPRING_PREFIXES.stream().anyMatch(arg::startsWith);
    }

    /** The parser of the whole command line, writing to the current standard output and error. */
    static CommandLine commandLine(ApplicationStarter application, List<String> springArgs) {
        CommandLine cli = new CommandLine(new LicenseReconcilerCommand(application, springArgs));
        cli.setExpandAtFiles(false); // an argument such as @nightly is a job name, not a file of arguments
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        cli.setUsageHelpWidth(120);
        cli.setParameterExceptionHandler(LicenseReconcilerCommand::badCommandLine);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> {
            command.getErr().println(command.getCommandName() + " failed: " + rootMessage(e));
            return Commands.FAILED;
        });
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "No command given.");
    }

    /** @param defaults {@code --name=value} properties that apply unless the command line gives the same name */
    ConfigurableApplicationContext startApplication(List<String> defaults) {
        List<String> args = new ArrayList<>(springArgs);
        for (String d : defaults) {
            String name = d.substring(0, d.indexOf('=') + 1);
            if (springArgs.stream().noneMatch(a -> a.startsWith(name))) {
                args.add(d);
            }
        }
        return application.start(args.toArray(String[]::new));
    }

    /** Exit status 2: what is wrong, then the usage of the command it was given to. */
    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(message(e));
        UnmatchedArgumentException.printSuggestions(e, err);
        command.usage(err);
        return Commands.USAGE;
    }

    static String message(ParameterException e) {
        CommandLine command = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String arg = unmatched.getUnmatched().get(0);
            if (!arg.startsWith("-")) {
                return command.getParent() == null ? "Unknown command '" + arg + "'." : "Unexpected argument '" + arg + "'.";
            }
            String elsewhere = otherCommandsOption(command, arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
            return elsewhere != null ? elsewhere : "Unknown option '" + arg + "'.";
        }
        if (e instanceof MissingParameterException missing && e.getMessage().startsWith("Missing required parameter for option")
                && missing.getMissing().get(0) instanceof OptionSpec option) {
            return option.longestName() + " needs a value.";
        }
        if (e.getCause() instanceof WholeNumber.BadValue bad && e.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + bad.getMessage();
        }
        return e.getMessage();
    }

    /** "--input, --output … go with run only." when the option belongs to another command. */
    private static String otherCommandsOption(CommandLine command, String option) {
        if (command.getParent() == null) {
            return null;
        }
        for (CommandLine other : command.getParent().getSubcommands().values()) {
            if (other != command && other.getCommandSpec().findOption(option) != null) {
                List<String> own = new ArrayList<>();
                for (OptionSpec o : other.getCommandSpec().options()) {
                    if (!o.usageHelp() && command.getCommandSpec().findOption(o.longestName()) == null) {
                        own.add(o.longestName());
                    }
                }
                String names = own.size() == 1 ? own.get(0)
                        : String.join(", ", own.subList(0, own.size() - 1)) + " and " + own.get(own.size() - 1);
                return names + (own.size() == 1 ? " goes" : " go") + " with " + other.getCommandName() + " only.";
            }
        }
        return null;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
