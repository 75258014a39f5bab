package dev.syndicast.cli;

public class VideoCli {
    public static void main(String[] args) {
    }
}
