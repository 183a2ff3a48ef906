package dev.licensereconciler;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LicenseReconcilerApplication {
    public static void main(String[] args) {
        org.springframework.boot.SpringApplication.run(LicenseReconcilerApplication.class, args);
    }
}
