package dev.licensereconciler.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} of every command: its usage on standard output, exit status 0. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Shows this help.")
    boolean help;
}
